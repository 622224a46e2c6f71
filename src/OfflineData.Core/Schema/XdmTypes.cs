using System;
using System.Globalization;

namespace OfflineData.Core.Schema
{
    /// <summary>
    /// Type names and the value rules of the type check. A value contradicts a type when: boolean — not <c>true</c>,
    /// <c>false</c>, <c>1</c> or <c>0</c> (any case); date — not <c>yyyy-MM-dd</c>; date-time — not ISO 8601
    /// (<c>yyyy-MM-ddTHH:mm:ss</c>, optional fractions and offset or <c>Z</c>) nor the offline format's
    /// <c>yyyy-MM-dd HH:mm:ss</c>; integer types — not a whole number in the type's range; number — not an invariant
    /// number (<c>.</c> decimals, optional exponent). Strings, objects and arrays accept every value; empty values are
    /// never checked (an optional field may be empty).
    /// </summary>
    internal static class XdmTypes
    {
        private static readonly string[] DateTimeFormats =
        {
            "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss",
        };

        /// <summary>The type a name stands for (schema <c>meta:xdmType</c>/<c>type</c>, a map's Type column, a list's <c>:type</c>); Unknown when none.</summary>
        public static XdmType Parse(string? name, string? format = null)
        {
            switch ((name ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "string":
                case "text":
                    if (string.Equals(format, "date", StringComparison.OrdinalIgnoreCase)) return XdmType.Date;
                    if (string.Equals(format, "date-time", StringComparison.OrdinalIgnoreCase)) return XdmType.DateTime;
                    return XdmType.String;
                case "boolean":
                case "bool":
                    return XdmType.Boolean;
                case "date":
                    return XdmType.Date;
                case "date-time":
                case "datetime":
                    return XdmType.DateTime;
                case "number":
                case "double":
                    return XdmType.Number;
                case "integer":
                case "int":
                case "long":
                case "short":
                case "byte":
                    return XdmType.Integer;
                case "object":
                case "map":
                    return XdmType.Object;
                case "array":
                    return XdmType.Array;
                default:
                    return XdmType.Unknown;
            }
        }

        /// <summary>The type's name as messages and results show it.</summary>
        public static string Name(XdmType type) => type switch
        {
            XdmType.DateTime => "date-time",
            XdmType.Unknown => "unknown",
            _ => type.ToString().ToLowerInvariant(),
        };

        /// <summary>Whether a declared type (a map's Type column) agrees with the schema's: the same, or a whole number declared for a number field.</summary>
        public static bool Agrees(XdmType declared, XdmType schema) =>
            declared == XdmType.Unknown || schema == XdmType.Unknown || declared == schema || (declared == XdmType.Integer && schema == XdmType.Number);

        /// <summary>Whether <paramref name="value"/> (not empty) can be a value of the field; <paramref name="typeName"/> narrows integers (int, short, byte).</summary>
        public static bool Accepts(XdmType type, string typeName, string value)
        {
            var v = value.Trim();
            switch (type)
            {
                case XdmType.Boolean:
                    return v == "1" || v == "0" || v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase);
                case XdmType.Date:
                    return DateTime.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
                case XdmType.DateTime:
                    return DateTimeOffset.TryParseExact(v, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);
                case XdmType.Integer:
                    if (!long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return false;
                    return typeName.ToLowerInvariant() switch
                    {
                        "int" => whole >= int.MinValue && whole <= int.MaxValue,
                        "short" => whole >= short.MinValue && whole <= short.MaxValue,
                        "byte" => whole >= sbyte.MinValue && whole <= sbyte.MaxValue,
                        _ => true,
                    };
                case XdmType.Number:
                    return double.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)
                        && !double.IsInfinity(d);
                default:
                    return true;
            }
        }
    }
}
