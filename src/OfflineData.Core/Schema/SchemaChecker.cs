using System;
using System.Collections.Generic;
using System.Linq;

namespace OfflineData.Core.Schema
{
    /// <summary>
    /// Compares custom attributes with the target schema. The target field is the attribute map's Field, else the
    /// attribute's own name; a name without a leading <c>_</c> is looked for under the tenant namespace
    /// (<c>loyaltyLevel</c> → <c>_acme.loyaltyLevel</c>). Exact when the schema spells it so; CaseOnly when only upper/lower
    /// case differ; Missing otherwise, with the closest custom field as the suggestion; TypeMismatch when the field
    /// exists but is an object, or the map declares another type, or a sampled value cannot be of its type
    /// (<see cref="XdmTypes.Accepts"/>).
    /// </summary>
    internal static class SchemaChecker
    {
        public static List<SchemaCheckResult> Check(TargetSchema schema, IEnumerable<AttributeUse> uses) =>
            uses.Select(u => Check(schema, u)).ToList();

        public static SchemaCheckResult Check(TargetSchema schema, AttributeUse use)
        {
            var target = (use.Field ?? use.Name).Trim();
            var full = schema.TenantNamespace != null && !target.StartsWith("_", StringComparison.Ordinal) ? schema.TenantNamespace + "." + target : target;
            var field = schema.FindExact(full);
            var status = SchemaCheckStatus.Exact;
            if (field == null)
            {
                field = schema.FindIgnoringCase(full);
                status = field == null ? SchemaCheckStatus.Missing : SchemaCheckStatus.CaseOnly;
            }

            var label = use.Field == null ? $"'{use.Name}'" : $"'{use.Name}' (mapped to {use.Field})";
            string message;
            string? suggestion = null;
            if (field == null)
            {
                var closest = Closest(schema, target);
                suggestion = closest?.Path;
                message = $"{use.SeenIn}: {label} has no field {full} in the schema" + (closest == null ? "." : $"; did you mean {closest.Path}?");
            }
            else if (field.Type == XdmType.Object)
            {
                status = SchemaCheckStatus.TypeMismatch;
                message = $"{use.SeenIn}: {label}: {field.Path} is an object in the schema; an attribute needs one of its fields.";
            }
            else if (!XdmTypes.Agrees(use.DeclaredType, field.Type))
            {
                status = SchemaCheckStatus.TypeMismatch;
                message = $"{use.SeenIn}: {label} is declared {use.DeclaredTypeName} but {field.Path} is {field.TypeName} in the schema.";
            }
            else if (use.Samples.FirstOrDefault(s => !XdmTypes.Accepts(field.Type, field.TypeName, s.Value)) is var bad && bad.Value != null)
            {
                status = SchemaCheckStatus.TypeMismatch;
                message = $"{use.SeenIn}: {label}: the value '{Findings.DisplayText.Escape(bad.Value)}' ({bad.Where}) is not a {field.TypeName}, the type of {field.Path} in the schema.";
            }
            else if (status == SchemaCheckStatus.CaseOnly)
            {
                suggestion = field.Path;
                message = $"{use.SeenIn}: {label} differs from the schema's {field.Path} in case only; XDM names are case-sensitive.";
            }
            else
            {
                message = $"{use.SeenIn}: {label} is the schema's {field.Path}.";
            }

            return new SchemaCheckResult(use.Name, use.SeenIn, use.Source, field?.Path ?? full, status)
            {
                Suggestion = suggestion,
                FieldType = field?.TypeName,
                DeclaredType = use.DeclaredTypeName,
                Message = message,
                TenantId = schema.TenantId,
                SchemaPath = schema.SourcePath,
            };
        }

        /// <summary>
        /// The custom value field closest to <paramref name="target"/>: edit distance ignoring case, both compared without
        /// their tenant prefix (so <c>_acmee.tier</c> finds <c>_acme.tier</c>), a plain name also against each field's last
        /// segment (<c>tier</c> finds <c>_acme.membership.tier</c>). Null when none is within a third of the name's length (at least 2).
        /// </summary>
        internal static SchemaField? Closest(TargetSchema schema, string target)
        {
            var relative = WithoutTenant(target);
            int limit = Math.Max(2, relative.Length / 3);
            SchemaField? best = null;
            int bestScore = int.MaxValue;
            foreach (var field in schema.CustomFields.Where(f => f.Type != XdmType.Object))
            {
                var score = NameDistance.Between(relative, schema.TenantNamespace == null ? field.Path : WithoutTenant(field.Path));
                if (relative.IndexOf('.') < 0) score = Math.Min(score, NameDistance.Between(relative, field.Leaf));
                if (score < bestScore)
                {
                    bestScore = score;
                    best = field;
                }
            }

            return bestScore <= limit ? best : null;
        }

        private static string WithoutTenant(string path)
        {
            int dot = path.IndexOf('.');
            return path.StartsWith("_", StringComparison.Ordinal) && dot > 0 ? path.Substring(dot + 1) : path;
        }
    }
}
