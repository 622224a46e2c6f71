using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using OfflineData.Core.Matching;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// Stores a visitor state (dimension name to value) as a JSON object of strings, so the store stays
    /// readable with any SQLite tool. Hand-written because netstandard2.0 has no JSON serializer in the box.
    /// </summary>
    internal static class StateCodec
    {
        public static string Encode(IEnumerable<KeyValuePair<string, string>> state)
        {
            var sb = new StringBuilder("{");
            bool first = true;
            foreach (var pair in state)
            {
                if (!first) sb.Append(',');
                first = false;
                AppendString(sb, pair.Key);
                sb.Append(':');
                AppendString(sb, pair.Value ?? string.Empty);
            }

            return sb.Append('}').ToString();
        }

        public static string EncodeArray(IEnumerable<string> values)
        {
            var sb = new StringBuilder("[");
            bool first = true;
            foreach (var value in values)
            {
                if (!first) sb.Append(',');
                first = false;
                AppendString(sb, value ?? string.Empty);
            }

            return sb.Append(']').ToString();
        }

        public static Dictionary<string, string> Decode(string? json)
        {
            var result = new StateDictionary();
            if (string.IsNullOrEmpty(json)) return result;
            int i = 0;
            Expect(json!, ref i, '{');
            SkipSpace(json!, ref i);
            if (json![i] == '}') return result;
            while (true)
            {
                var key = ReadString(json, ref i);
                Expect(json, ref i, ':');
                var value = ReadString(json, ref i);
                result[key] = value;
                SkipSpace(json, ref i);
                if (json[i] == ',') { i++; continue; }
                Expect(json, ref i, '}');
                return result;
            }
        }

        public static string[] DecodeArray(string? json)
        {
            if (string.IsNullOrEmpty(json)) return Array.Empty<string>();
            var result = new List<string>();
            int i = 0;
            Expect(json!, ref i, '[');
            SkipSpace(json!, ref i);
            if (json![i] == ']') return Array.Empty<string>();
            while (true)
            {
                result.Add(ReadString(json, ref i));
                SkipSpace(json, ref i);
                if (json[i] == ',') { i++; continue; }
                Expect(json, ref i, ']');
                return result.ToArray();
            }
        }

        private static void AppendString(StringBuilder sb, string value)
        {
            sb.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }

            sb.Append('"');
        }

        private static string ReadString(string json, ref int i)
        {
            Expect(json, ref i, '"');
            var sb = new StringBuilder();
            while (true)
            {
                char c = json[i++];
                if (c == '"') return sb.ToString();
                if (c != '\\') { sb.Append(c); continue; }
                char e = json[i++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u': sb.Append((char)int.Parse(json.Substring(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 4; break;
                    default: sb.Append(e); break;
                }
            }
        }

        private static void Expect(string json, ref int i, char expected)
        {
            SkipSpace(json, ref i);
            if (i >= json.Length || json[i] != expected)
            {
                throw new FormatException($"Stored state is not valid JSON at offset {i}: expected '{expected}'.");
            }

            i++;
        }

        private static void SkipSpace(string json, ref int i)
        {
            while (i < json.Length && char.IsWhiteSpace(json[i])) i++;
        }
    }
}
