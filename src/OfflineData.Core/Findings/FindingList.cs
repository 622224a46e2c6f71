using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OfflineData.Core.Findings
{
    /// <summary>
    /// Findings, as a list; as text (what Export-Csv writes in its one cell) each finding's code and place,
    /// e.g. <c>InvalidTimestamp (OD302) line 4; TooFewFields (OD201) line 7</c>.
    /// </summary>
    internal sealed class FindingList : List<Finding>
    {
        /// <summary>An empty list.</summary>
        public FindingList()
        {
        }

        /// <summary>A list of <paramref name="findings"/>.</summary>
        public FindingList(IEnumerable<Finding> findings)
            : base(findings)
        {
        }

        /// <summary>Each finding's code and place, separated by <c>; </c>.</summary>
        public override string ToString() => string.Join("; ", this.Select(Describe));

        private static string Describe(Finding f)
        {
            var text = f.Code + " (OD" + f.CodeNumber.ToString(CultureInfo.InvariantCulture) + ")";
            if (f.Entry != null) text += " " + f.Entry;
            if (f.Line != null) text += " line " + f.Line.Value.ToString(CultureInfo.InvariantCulture);
            return text;
        }
    }
}
