using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OfflineData.Core.Schema
{
    /// <summary>
    /// A target schema flattened to dotted field paths (<c>_acme.loyaltyLevel</c>), with its tenant namespace: read from
    /// an XDM JSON schema as Adobe Experience Platform exports it (<see cref="XdmSchemaReader"/>) or from a plain list of
    /// dotted names, one a line with an optional <c>:type</c> (<see cref="FieldNameListReader"/>).
    /// </summary>
    internal sealed class TargetSchema
    {
        /// <summary>Top-level namespaces that are Adobe's own, never a tenant's.</summary>
        private static readonly HashSet<string> AdobeNamespaces = new HashSet<string>(StringComparer.Ordinal) { "_id", "_repo", "_experience" };

        private readonly Dictionary<string, SchemaField> exact = new Dictionary<string, SchemaField>(StringComparer.Ordinal);
        private readonly Dictionary<string, SchemaField> ignoringCase = new Dictionary<string, SchemaField>(StringComparer.OrdinalIgnoreCase);
        private readonly List<SchemaField> fields = new List<SchemaField>();

        public TargetSchema(string sourcePath, IEnumerable<SchemaField> fields, string? tenantNamespace, IReadOnlyList<string>? externalReferences = null)
        {
            SourcePath = sourcePath;
            foreach (var field in fields)
            {
                if (exact.ContainsKey(field.Path)) continue;
                exact.Add(field.Path, field);
                if (!ignoringCase.ContainsKey(field.Path)) ignoringCase.Add(field.Path, field);
                this.fields.Add(field);
            }

            TenantNamespace = tenantNamespace;
            ExternalReferences = externalReferences ?? Array.Empty<string>();
        }

        /// <summary>The schema file.</summary>
        public string SourcePath { get; }

        /// <summary>The tenant namespace with its underscore (<c>_acme</c>), or null when the schema has none.</summary>
        public string? TenantNamespace { get; }

        /// <summary>The tenant ID (<c>acme</c>), or null.</summary>
        public string? TenantId => TenantNamespace?.Substring(1);

        /// <summary>Every field, in document order.</summary>
        public IReadOnlyList<SchemaField> Fields => fields;

        /// <summary>The custom fields: those under the tenant namespace, or all fields when there is none.</summary>
        public IEnumerable<SchemaField> CustomFields => TenantNamespace == null
            ? fields
            : fields.Where(f => f.Path.StartsWith(TenantNamespace + ".", StringComparison.Ordinal));

        /// <summary><c>$ref</c>s to other documents (Adobe's standard classes and field groups) that were not followed.</summary>
        public IReadOnlyList<string> ExternalReferences { get; }

        /// <summary>Reads a schema file: JSON when its first non-blank character is <c>{</c> or <c>[</c>, else a field list.</summary>
        /// <exception cref="SchemaException">Bad JSON, a dangling <c>$ref</c>, an ambiguous tenant, a bad list line.</exception>
        public static TargetSchema Load(string path)
        {
            var text = File.ReadAllText(path);
            return Parse(text, path);
        }

        /// <summary>Reads schema text (see <see cref="Load"/>); <paramref name="path"/> names it in errors.</summary>
        public static TargetSchema Parse(string text, string path)
        {
            var first = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').FirstOrDefault();
            return first == '{' || first == '['
                ? XdmSchemaReader.Read(text, path)
                : FieldNameListReader.Read(text, path);
        }

        /// <summary>The field with exactly this path, or null.</summary>
        public SchemaField? FindExact(string path) => exact.TryGetValue(path, out var f) ? f : null;

        /// <summary>A field whose path equals this one ignoring case, or null.</summary>
        public SchemaField? FindIgnoringCase(string path) => ignoringCase.TryGetValue(path, out var f) ? f : null;

        /// <summary>
        /// The tenant namespace among the top-level fields: the one object field whose name starts with <c>_</c> and is
        /// not Adobe's (<c>_id</c>, <c>_repo</c>, <c>_experience</c>); null when there is none.
        /// </summary>
        /// <exception cref="SchemaException">More than one candidate.</exception>
        public static string? DetectTenant(IEnumerable<SchemaField> fields, string path)
        {
            var candidates = fields
                .Where(f => f.Path.IndexOf('.') < 0 && f.Path.Length > 1 && f.Path[0] == '_' && f.Type == XdmType.Object && !AdobeNamespaces.Contains(f.Path))
                .Select(f => f.Path)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (candidates.Count > 1)
            {
                throw new SchemaException(
                    SchemaFailure.SchemaTenantAmbiguous,
                    $"{path}: the schema has more than one tenant namespace candidate ({string.Join(", ", candidates)}); an organisation has one tenant ID. Give the schema as Adobe exports it, or add \"meta:tenantNamespace\": \"{candidates[0]}\" to its root.",
                    path);
            }

            return candidates.Count == 1 ? candidates[0] : null;
        }
    }
}
