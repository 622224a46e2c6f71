using System.Globalization;

namespace OfflineData.Core.Conversion
{
    /// <summary>Where a target column's value comes from: a source column by name or 1-based index, or a constant.</summary>
    public sealed class ColumnSource
    {
        private ColumnSource(string? name, int? index, string? constant)
        {
            Name = name;
            Index = index;
            Constant = constant;
        }

        /// <summary>The source header name, or null.</summary>
        public string? Name { get; }

        /// <summary>The 1-based source column number, or null.</summary>
        public int? Index { get; }

        /// <summary>The constant text, or null.</summary>
        public string? Constant { get; }

        /// <summary>Whether this is a constant.</summary>
        public bool IsConstant => Constant != null;

        /// <summary>A source column named <paramref name="name"/> in the header.</summary>
        public static ColumnSource FromName(string name) => new ColumnSource(name, null, null);

        /// <summary>Source column <paramref name="index"/>, counting from 1.</summary>
        public static ColumnSource FromIndex(int index) => new ColumnSource(null, index, null);

        /// <summary>The same value on every row (invariant culture for numbers, <c>yyyy-MM-dd HH:mm:ss</c> for a timestamp).</summary>
        public static ColumnSource FromConstant(string value) => new ColumnSource(null, null, value);

        /// <inheritdoc />
        public override string ToString()
        {
            if (Constant != null) return "constant '" + Constant + "'";
            if (Name != null) return "column '" + Name + "'";
            return "column " + Index!.Value.ToString(CultureInfo.InvariantCulture);
        }
    }
}
