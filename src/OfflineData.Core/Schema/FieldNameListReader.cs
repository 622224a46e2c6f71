using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Schema
{
    /// <summary>
    /// Reads a plain list of the target's field names: one dotted name a line (<c>_acme.loyaltyLevel</c>), optionally
    /// <c>:type</c> after it (<c>_acme.newsletter:boolean</c>); blank lines and lines starting with <c>#</c> are skipped.
    /// The parents of a dotted name are objects. The tenant namespace is the one top-level <c>_name</c> that has fields under it.
    /// </summary>
    internal static class FieldNameListReader
    {
        public static TargetSchema Read(string text, string path)
        {
            var fields = new List<SchemaField>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            using var reader = new StringReader(text.TrimStart('\uFEFF'));
            string? line;
            long number = 0;
            while ((line = reader.ReadLine()) != null)
            {
                number++;
                var content = line.Trim();
                if (content.Length == 0 || content[0] == '#') continue;
                string name = content;
                string typeName = "string";
                int colon = content.IndexOf(':');
                if (colon >= 0)
                {
                    name = content.Substring(0, colon).Trim();
                    typeName = content.Substring(colon + 1).Trim();
                }

                var type = XdmTypes.Parse(typeName);
                if (type == XdmType.Unknown)
                {
                    throw Invalid(path, number, $"'{typeName}' is not a type; use string, boolean, date, date-time, number, integer, object or array.");
                }

                var segments = name.Split('.');
                if (segments.Any(s => s.Length == 0 || !s.All(IsNameChar)))
                {
                    // A CSV (or any table) given as -SchemaPath lands here: "name,type" was once read as one field.
                    throw Invalid(path, number, $"'{DisplayText.Escape(name)}' is not a dotted field name (letters, digits, '_', '-' or '@' in segments joined by '.', e.g. _acme.loyaltyLevel); a field list has one name a line, not a CSV.");
                }

                for (int i = 1; i < segments.Length; i++)
                {
                    var parent = string.Join(".", segments, 0, i);
                    if (seen.Add(parent)) fields.Add(new SchemaField(parent, XdmType.Object, "object"));
                }

                if (seen.Add(name)) fields.Add(new SchemaField(name, type, typeName.ToLowerInvariant()));
            }

            return new TargetSchema(path, fields, TargetSchema.DetectTenant(fields, path));
        }

        // XDM field names: letters, digits and underscores; '-' and '@' occur in standard and JSON-LD names (@id).
        private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '@';

        private static SchemaException Invalid(string path, long line, string what) =>
            new SchemaException(SchemaFailure.SchemaInvalidFieldList, $"{path}, line {line}: {what}", path, line);
    }
}
