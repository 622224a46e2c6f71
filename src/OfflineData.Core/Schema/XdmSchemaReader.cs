using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OfflineData.Core.Schema
{
    /// <summary>
    /// Flattens an XDM JSON schema as Adobe Experience Platform exports it into dotted field paths. Properties come from
    /// <c>properties</c> and from every <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> item and <c>$ref</c>, nested to any depth,
    /// so field groups under <c>definitions.&lt;name&gt;.properties</c> merge (two groups may both add to <c>_acme</c>).
    /// Local refs (<c>#/definitions/x</c>, any JSON pointer) and refs to a <c>$id</c> inside the document (an export
    /// bundle: a JSON array of resources) are followed; a ref already being followed is a cycle and is not followed
    /// again; a local ref that names nothing is <see cref="SchemaFailure.SchemaRefNotFound"/>; refs to other documents
    /// (Adobe's standard classes) are listed in <see cref="TargetSchema.ExternalReferences"/> and skipped. Types come
    /// from <c>meta:xdmType</c>, else <c>type</c> with <c>format</c> (date, date-time).
    /// The JSON is System.Text.Json's: the core already ships it (the PostgreSQL driver depends on it, the export
    /// writes JSON Lines with it), and its errors carry line and byte position.
    /// </summary>
    internal sealed class XdmSchemaReader
    {
        private const int MaxDepth = 64;
        private static readonly string[] Combinators = { "allOf", "anyOf", "oneOf" };
        private static readonly Regex JsonPosition = new Regex(@"\s*(Path: .*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$", RegexOptions.CultureInvariant);

        private readonly string text;
        private readonly string path;
        private readonly Dictionary<string, JsonElement> ids = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        private readonly List<string> external = new List<string>();

        private XdmSchemaReader(string text, string path)
        {
            this.text = text;
            this.path = path;
        }

        public static TargetSchema Read(string text, string path)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text.TrimStart('\uFEFF'), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
            }
            catch (JsonException e)
            {
                long? line = e.LineNumber + 1;
                long? position = e.BytePositionInLine + 1;
                var what = JsonPosition.Replace(e.Message, string.Empty);
                throw new SchemaException(SchemaFailure.SchemaInvalidJson, $"{path}: not valid JSON at line {line}, position {position}: {what}", path, line, position, inner: e);
            }

            using (document)
            {
                return new XdmSchemaReader(text, path).Flatten(document.RootElement);
            }
        }

        private TargetSchema Flatten(JsonElement root)
        {
            IndexIds(root, 0);
            var schema = root;
            if (root.ValueKind == JsonValueKind.Array)
            {
                // An export bundle: the schema is the resource of type "schemas" (else the first); the others are what it refers to.
                var resources = root.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList();
                schema = resources.FirstOrDefault(r => StringOf(r, "meta:resourceType") == "schemas");
                if (schema.ValueKind != JsonValueKind.Object) schema = resources.FirstOrDefault();
            }

            var fields = new List<SchemaField>();
            if (schema.ValueKind == JsonValueKind.Object)
            {
                AddFields(new List<Node> { new Node(schema, schema, null) }, null, 0, fields);
            }

            var tenant = schema.ValueKind == JsonValueKind.Object ? StringOf(schema, "meta:tenantNamespace") : null;
            if (tenant != null && !tenant.StartsWith("_", StringComparison.Ordinal)) tenant = "_" + tenant;
            tenant ??= TargetSchema.DetectTenant(fields, path);
            return new TargetSchema(path, fields, tenant, external.Distinct(StringComparer.Ordinal).ToList());
        }

        /// <summary>Adds the fields of the properties of <paramref name="nodes"/> (all describing one object) under <paramref name="prefix"/>.</summary>
        private void AddFields(List<Node> nodes, string? prefix, int depth, List<SchemaField> into)
        {
            if (depth > MaxDepth) return;
            var properties = new List<(string Name, Node Value)>();
            foreach (var node in nodes) CollectProperties(node, properties, 0);

            foreach (var group in properties.GroupBy(p => p.Name, StringComparer.Ordinal))
            {
                var fieldPath = prefix == null ? group.Key : prefix + "." + group.Key;
                var members = group.Select(p => p.Value).ToList();
                var (type, typeName) = members.Select(m => TypeOf(m)).FirstOrDefault(t => t.Type != XdmType.Unknown);
                var before = into.Count;
                into.Add(null!); // keeps the parent before its children
                if (type == XdmType.Object || type == XdmType.Unknown) AddFields(members, fieldPath, depth + 1, into);
                bool hasChildren = into.Count > before + 1;
                if (type == XdmType.Unknown && hasChildren) type = XdmType.Object;
                into[before] = new SchemaField(fieldPath, type, typeName ?? XdmTypes.Name(type));
            }
        }

        /// <summary>The properties a schema node contributes: its own, and those of its refs and combinator items.</summary>
        private void CollectProperties(Node node, List<(string, Node)> into, int hops)
        {
            if (node.Element.ValueKind != JsonValueKind.Object || hops > MaxDepth) return;
            if (node.Element.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
            {
                var target = Resolve(reference.GetString()!, node);
                if (target != null) CollectProperties(target.Value, into, hops + 1);
            }

            if (node.Element.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in properties.EnumerateObject()) into.Add((p.Name, new Node(p.Value, node.Resource, node.Refs)));
            }

            foreach (var combinator in Combinators)
            {
                if (node.Element.TryGetProperty(combinator, out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in items.EnumerateArray()) CollectProperties(new Node(item, node.Resource, node.Refs), into, hops + 1);
                }
            }
        }

        /// <summary>The node's type: meta:xdmType, else type (+ format), else its ref's or its combinator items'.</summary>
        private (XdmType Type, string? Name) TypeOf(Node node) => TypeOf(node, 0);

        private (XdmType Type, string? Name) TypeOf(Node node, int hops)
        {
            var e = node.Element;
            if (e.ValueKind != JsonValueKind.Object || hops > MaxDepth) return (XdmType.Unknown, null);
            var xdm = StringOf(e, "meta:xdmType");
            if (xdm != null && XdmTypes.Parse(xdm) != XdmType.Unknown) return (XdmTypes.Parse(xdm), xdm);
            if (e.TryGetProperty("type", out var type))
            {
                var name = type.ValueKind == JsonValueKind.String
                    ? type.GetString()
                    : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()).FirstOrDefault(t => t != "null") : null;
                var parsed = XdmTypes.Parse(name, StringOf(e, "format"));
                if (parsed != XdmType.Unknown) return (parsed, parsed == XdmType.Date || parsed == XdmType.DateTime ? XdmTypes.Name(parsed) : name);
            }

            if (e.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
            {
                // A type is a leaf: following a ref already being followed ends within the hop limit, so no cycle guard here.
                var target = Resolve(reference.GetString()!, node, guardCycles: false);
                if (target != null)
                {
                    var t = TypeOf(target.Value, hops + 1);
                    if (t.Type != XdmType.Unknown) return t;
                }
            }

            foreach (var combinator in Combinators)
            {
                if (e.TryGetProperty(combinator, out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in items.EnumerateArray())
                    {
                        var t = TypeOf(new Node(item, node.Resource, node.Refs), hops + 1);
                        if (t.Type != XdmType.Unknown) return t;
                    }
                }
            }

            return (XdmType.Unknown, null);
        }

        /// <summary>The node a ref names, or null for a cycle or another document's ref.</summary>
        private Node? Resolve(string reference, Node from, bool guardCycles = true)
        {
            int hash = reference.IndexOf('#');
            var documentPart = hash < 0 ? reference : reference.Substring(0, hash);
            var pointer = hash < 0 ? string.Empty : reference.Substring(hash + 1);
            var resource = from.Resource;
            if (documentPart.Length > 0)
            {
                if (!ids.TryGetValue(documentPart, out resource))
                {
                    external.Add(reference);
                    return null;
                }
            }

            var key = (StringOf(resource, "$id") ?? string.Empty) + "#" + pointer;
            if (guardCycles && from.Refs != null && from.Refs.Contains(key)) return null; // a cycle: already being followed
            if (!TryPointer(resource, pointer, out var target))
            {
                var (line, position) = Locate(reference);
                var where = line == null ? string.Empty : $", line {line}, position {position}";
                throw new SchemaException(
                    SchemaFailure.SchemaRefNotFound,
                    $"{path}{where}: \"$ref\": \"{reference}\" names nothing in the document; add the definition (as Adobe's export includes it) or fix the name.",
                    path,
                    line,
                    position,
                    reference);
            }

            return new Node(target, resource, new RefChain(key, from.Refs));
        }

        private static bool TryPointer(JsonElement resource, string pointer, out JsonElement target)
        {
            target = resource;
            if (pointer.Length == 0) return true;
            if (pointer[0] != '/') return false;
            foreach (var raw in pointer.Substring(1).Split('/'))
            {
                var token = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
                if (target.ValueKind == JsonValueKind.Object)
                {
                    if (!target.TryGetProperty(token, out target)) return false;
                }
                else if (target.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < target.GetArrayLength())
                {
                    target = target[index];
                }
                else
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Where the first <c>"$ref": "reference"</c> is written (1-based line and character), so an error can point at it.</summary>
        private (long? Line, long? Position) Locate(string reference)
        {
            var encoded = JsonSerializer.Serialize(reference);
            var match = Regex.Match(text, "\"\\$ref\"\\s*:\\s*" + Regex.Escape(encoded), RegexOptions.CultureInvariant);
            if (!match.Success) match = Regex.Match(text, "\"\\$ref\"\\s*:\\s*\"" + Regex.Escape(reference) + "\"", RegexOptions.CultureInvariant);
            if (!match.Success) return (null, null);
            long line = 1;
            int lineStart = 0;
            for (int i = 0; i < match.Index; i++)
            {
                if (text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return (line, match.Index - lineStart + 1);
        }

        private void IndexIds(JsonElement e, int depth)
        {
            if (depth > 256) return;
            if (e.ValueKind == JsonValueKind.Object)
            {
                var id = StringOf(e, "$id");
                if (id != null && !ids.ContainsKey(id)) ids.Add(id, e);
                foreach (var p in e.EnumerateObject()) IndexIds(p.Value, depth + 1);
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray()) IndexIds(item, depth + 1);
            }
        }

        private static string? StringOf(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        /// <summary>A schema node, the resource (document or bundle entry) its local refs resolve in, and the refs followed to reach it.</summary>
        private readonly struct Node
        {
            public Node(JsonElement element, JsonElement resource, RefChain? refs)
            {
                Element = element;
                Resource = resource;
                Refs = refs;
            }

            public JsonElement Element { get; }

            public JsonElement Resource { get; }

            public RefChain? Refs { get; }
        }

        /// <summary>The refs followed on the way to a node (an immutable list), for the cycle guard.</summary>
        private sealed class RefChain
        {
            private readonly string key;
            private readonly RefChain? parent;

            public RefChain(string key, RefChain? parent)
            {
                this.key = key;
                this.parent = parent;
            }

            public bool Contains(string k)
            {
                for (var c = this; c != null; c = c.parent)
                {
                    if (c.key == k) return true;
                }

                return false;
            }
        }
    }
}
