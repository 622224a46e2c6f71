namespace OfflineData.Core.Format
{
    /// <summary>The value type a column of the offline data format holds.</summary>
    public enum ColumnKind
    {
        /// <summary>Free text.</summary>
        Text,
        /// <summary>A timestamp in <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
        Timestamp,
        /// <summary>A non-negative integer event type code.</summary>
        EventType,
        /// <summary>A decimal number with '.' as the decimal separator.</summary>
        Number,
    }
}
