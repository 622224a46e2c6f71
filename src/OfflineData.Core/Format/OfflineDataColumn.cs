namespace OfflineData.Core.Format
{
    /// <summary>One of the 22 named columns of the offline data format (seed 004).</summary>
    public sealed class OfflineDataColumn
    {
        internal OfflineDataColumn(int number, string headerName, string propertyName, bool isMandatory, ColumnKind kind)
        {
            Number = number;
            HeaderName = headerName;
            PropertyName = propertyName;
            IsMandatory = isMandatory;
            Kind = kind;
        }

        /// <summary>1-based position of the column in a row.</summary>
        public int Number { get; }

        /// <summary>The column's name as written in a header row, e.g. <c>Time Stamp</c>.</summary>
        public string HeaderName { get; }

        /// <summary>The property that holds the column on a record, e.g. <c>Timestamp</c>.</summary>
        public string PropertyName { get; }

        /// <summary>Whether every data row must carry a non-empty value in this column.</summary>
        public bool IsMandatory { get; }

        /// <summary>The type of value the column holds.</summary>
        public ColumnKind Kind { get; }

        /// <inheritdoc />
        public override string ToString() => HeaderName;
    }
}
