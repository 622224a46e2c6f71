using System;
using System.Collections.Generic;
using System.Globalization;

namespace OfflineData.Core.Measuring
{
    /// <summary>
    /// One group key of a summary, parsed from its name: <c>Day</c>, <c>Week</c>, <c>Month</c>, <c>EventType</c>,
    /// <c>Outcome</c>, <c>Reason</c>, <c>ReportSuite</c>, <c>Import</c>, <c>Var1</c>…<c>Var5</c> or
    /// <c>State.&lt;name&gt;</c> (a dimension of the credited online state, name as recorded, case-sensitive).
    /// </summary>
    public sealed class SummaryDimension : IEquatable<SummaryDimension>
    {
        /// <summary>The names of the fixed dimensions, in the order completion offers them.</summary>
        public static readonly IReadOnlyList<string> FixedNames = new[]
        {
            "Day", "Week", "Month", "EventType", "Outcome", "Reason", "ReportSuite", "Import", "Var1", "Var2", "Var3", "Var4", "Var5",
        };

        /// <summary>The prefix of a credited state dimension's name.</summary>
        public const string StatePrefix = "State.";

        private SummaryDimension(SummaryDimensionKind kind, string name, string? stateKey, int varNumber)
        {
            Kind = kind;
            Name = name;
            StateKey = stateKey;
            VarNumber = varNumber;
        }

        /// <summary>What the dimension groups by.</summary>
        public SummaryDimensionKind Kind { get; }

        /// <summary>The dimension's canonical name (e.g. <c>Day</c>, <c>Var1</c>, <c>State.Campaign</c>).</summary>
        public string Name { get; }

        /// <summary>For <see cref="SummaryDimensionKind.State"/>: the state dimension's name (after <c>State.</c>).</summary>
        public string? StateKey { get; }

        /// <summary>For <see cref="SummaryDimensionKind.Var"/>: 1 to 5.</summary>
        public int VarNumber { get; }

        /// <summary>
        /// Whether only a store can group by it: outcome, reason, credited state and import exist only after matching
        /// and importing, and a file names no report suite.
        /// </summary>
        public bool NeedsStore => Kind == SummaryDimensionKind.Outcome || Kind == SummaryDimensionKind.Reason || Kind == SummaryDimensionKind.ReportSuite
            || Kind == SummaryDimensionKind.Import || Kind == SummaryDimensionKind.State;

        /// <summary>Whether it is a Var or State dimension (a summary groups by at most one of them).</summary>
        public bool IsValueDimension => Kind == SummaryDimensionKind.State || Kind == SummaryDimensionKind.Var;

        /// <summary>Parses a dimension name (fixed names case-insensitive; a state name after <c>State.</c> kept as written).</summary>
        /// <exception cref="FormatException">Not a dimension name.</exception>
        public static SummaryDimension Parse(string name)
        {
            if (TryParse(name, out var dimension)) return dimension!;
            throw new FormatException($"'{name}' is not a summary dimension. Use one of {string.Join(", ", FixedNames)} or State.<name> (e.g. State.Campaign).");
        }

        /// <summary>Parses a dimension name; false when it is none.</summary>
        public static bool TryParse(string? name, out SummaryDimension? dimension)
        {
            dimension = null;
            if (name == null) return false;
            var text = name.Trim();
            if (text.StartsWith(StatePrefix, StringComparison.OrdinalIgnoreCase))
            {
                var key = text.Substring(StatePrefix.Length);
                if (key.Length == 0) return false;
                dimension = new SummaryDimension(SummaryDimensionKind.State, StatePrefix + key, key, 0);
                return true;
            }

            if (text.Length == 4 && text.StartsWith("Var", StringComparison.OrdinalIgnoreCase) && text[3] >= '1' && text[3] <= '5')
            {
                dimension = new SummaryDimension(SummaryDimensionKind.Var, "Var" + text[3], null, text[3] - '0');
                return true;
            }

            if (string.Equals(text, "ImportId", StringComparison.OrdinalIgnoreCase)) text = "Import";
            foreach (SummaryDimensionKind kind in Enum.GetValues(typeof(SummaryDimensionKind)))
            {
                if (kind == SummaryDimensionKind.State || kind == SummaryDimensionKind.Var) continue;
                if (string.Equals(text, kind.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    dimension = new SummaryDimension(kind, kind.ToString(), null, 0);
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Checks a list of dimensions: no repeats and at most one Var or State dimension (the output row has one
        /// <c>StateDimension</c>/<c>StateValue</c> pair).
        /// </summary>
        /// <exception cref="ArgumentException">Repeats or two value dimensions; the message names them.</exception>
        public static void CheckList(IReadOnlyList<SummaryDimension> dimensions)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            SummaryDimension? value = null;
            foreach (var dimension in dimensions)
            {
                if (!seen.Add(dimension.Name)) throw new ArgumentException($"The summary dimension '{dimension.Name}' is named twice.");
                if (dimension.IsValueDimension)
                {
                    if (value != null) throw new ArgumentException($"A summary groups by at most one Var or State dimension; '{value.Name}' and '{dimension.Name}' were both named.");
                    value = dimension;
                }
            }
        }

        /// <inheritdoc />
        public bool Equals(SummaryDimension? other) => other != null && string.Equals(Name, other.Name, StringComparison.Ordinal);

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as SummaryDimension);

        /// <inheritdoc />
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

        /// <summary>The canonical name.</summary>
        public override string ToString() => Name;

        /// <summary>The ISO 8601 week of <paramref name="time"/> as <c>yyyy-Www</c> (the year the week's Thursday falls in).</summary>
        internal static string IsoWeek(DateTime time)
        {
            var date = time.Date;
            // The week's Thursday decides its year; Monday is day 0.
            var thursday = date.AddDays(3 - (((int)date.DayOfWeek + 6) % 7));
            int week = ((thursday.DayOfYear - 1) / 7) + 1;
            return thursday.Year.ToString("0000", CultureInfo.InvariantCulture) + "-W" + week.ToString("00", CultureInfo.InvariantCulture);
        }

        /// <summary>The month of <paramref name="time"/> as <c>yyyy-MM</c>.</summary>
        internal static string MonthOf(DateTime time) => time.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }
}
