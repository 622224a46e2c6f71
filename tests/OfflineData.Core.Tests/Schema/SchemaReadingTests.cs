using System.IO;
using System.Linq;
using OfflineData.Core.Schema;
using Xunit;

namespace OfflineData.Core.Tests.Schema
{
    /// <summary>Reading the target schema: XDM JSON (field groups, refs, cycles, errors) and the plain name list.</summary>
    public sealed class SchemaReadingTests
    {
        private static string[] Paths(TargetSchema s) => s.Fields.Select(f => f.Path).ToArray();

        [Fact]
        public void Nested_field_groups_through_allOf_and_ref_two_levels_deep()
        {
            // examples/xdm-schema.json: allOf -> #/definitions/loyaltyDetails -> allOf -> loyaltyProgram and membershipGroup,
            // whose _acme.membership is a $ref to #/definitions/membership; the three groups all add to _acme.
            var schema = TargetSchema.Load(Path.Combine(SchemaCheckTests.RepoRoot(), "examples", "xdm-schema.json"));
            Assert.Equal(
                new[]
                {
                    "_acme", "_acme.storeId", "_acme.giftWrap", "_acme.deliveryDate", "_acme.salesChannel", "_acme.loyaltyLevel",
                    "_acme.loyaltyPoints", "_acme.newsletterOptIn", "_acme.membership", "_acme.membership.tier", "_acme.membership.memberSince",
                },
                Paths(schema));
            Assert.Equal("long", schema.FindExact("_acme.loyaltyPoints")!.TypeName);
            Assert.Equal(XdmType.Integer, schema.FindExact("_acme.loyaltyPoints")!.Type);
            Assert.Equal(XdmType.Date, schema.FindExact("_acme.deliveryDate")!.Type);
            Assert.Equal(XdmType.DateTime, schema.FindExact("_acme.membership.memberSince")!.Type);
            Assert.Equal(XdmType.Object, schema.FindExact("_acme.membership")!.Type);
            Assert.Equal(new[] { "https://ns.adobe.com/xdm/context/experienceevent" }, schema.ExternalReferences);
        }

        [Fact]
        public void Tenant_namespace_detection()
        {
            var json = "{ \"properties\": { \"_id\": { \"type\": \"string\" }, \"_experience\": { \"type\": \"object\", \"properties\": { \"x\": { \"type\": \"string\" } } },"
                + " \"timestamp\": { \"type\": \"string\", \"format\": \"date-time\" }, \"_retail\": { \"type\": \"object\", \"properties\": { \"tier\": { \"type\": \"string\" } } } } }";
            var schema = TargetSchema.Parse(json, "s.json");
            Assert.Equal("_retail", schema.TenantNamespace);
            Assert.Equal("retail", schema.TenantId);
            Assert.Equal(new[] { "_retail.tier" }, schema.CustomFields.Select(f => f.Path));
        }

        [Fact]
        public void Tenant_namespace_from_meta_tenantNamespace()
        {
            var json = "{ \"meta:tenantNamespace\": \"_acme\", \"properties\": { \"_acme\": { \"properties\": { \"a\": { \"type\": \"string\" } } }, \"_beta\": { \"type\": \"object\", \"properties\": { \"b\": { \"type\": \"string\" } } } } }";
            Assert.Equal("_acme", TargetSchema.Parse(json, "s.json").TenantNamespace);
        }

        [Fact]
        public void Tenant_namespace_ambiguous_is_an_error()
        {
            var json = "{ \"properties\": { \"_acme\": { \"type\": \"object\", \"properties\": { \"a\": { \"type\": \"string\" } } }, \"_beta\": { \"type\": \"object\", \"properties\": { \"b\": { \"type\": \"string\" } } } } }";
            var e = Assert.Throws<SchemaException>(() => TargetSchema.Parse(json, "s.json"));
            Assert.Equal(SchemaFailure.SchemaTenantAmbiguous, e.Failure);
            Assert.Contains("_acme, _beta", e.Message);
        }

        [Fact]
        public void Ref_cycle_is_followed_once()
        {
            var json = @"{
  ""allOf"": [ { ""$ref"": ""#/definitions/node"" } ],
  ""definitions"": {
    ""node"": { ""properties"": { ""_acme"": { ""type"": ""object"", ""properties"": {
      ""name"": { ""type"": ""string"" },
      ""parent"": { ""$ref"": ""#/definitions/person"" } } } } },
    ""person"": { ""type"": ""object"", ""properties"": { ""name"": { ""type"": ""string"" }, ""manager"": { ""$ref"": ""#/definitions/person"" } },
                  ""allOf"": [ { ""$ref"": ""#/definitions/person"" } ] }
  }
}";
            var schema = TargetSchema.Parse(json, "cycle.json");
            Assert.Equal(new[] { "_acme", "_acme.name", "_acme.parent", "_acme.parent.name", "_acme.parent.manager" }, Paths(schema));
            Assert.Equal(XdmType.Object, schema.FindExact("_acme.parent.manager")!.Type);
        }

        [Fact]
        public void Dangling_ref_is_a_located_error()
        {
            var json = "{\n  \"allOf\": [\n    { \"$ref\": \"#/definitions/loyalty\" }\n  ],\n  \"definitions\": { \"loyal\": {} }\n}";
            var e = Assert.Throws<SchemaException>(() => TargetSchema.Parse(json, "s.json"));
            Assert.Equal(SchemaFailure.SchemaRefNotFound, e.Failure);
            Assert.Equal("#/definitions/loyalty", e.Reference);
            Assert.Equal(3L, e.Line);
            Assert.Equal(7L, e.Position);
            Assert.StartsWith("s.json, line 3, position 7: \"$ref\": \"#/definitions/loyalty\" names nothing", e.Message);
        }

        [Fact]
        public void Bad_JSON_located()
        {
            var json = "{\n  \"properties\": {\n    \"_acme\": { \"type\": \"object\" },\n    \"x\": { \"type\": \"string\" }\n  \n}";
            var e = Assert.Throws<SchemaException>(() => TargetSchema.Parse(json, "bad.json"));
            Assert.Equal(SchemaFailure.SchemaInvalidJson, e.Failure);
            Assert.Equal(6L, e.Line);
            Assert.StartsWith("bad.json: not valid JSON at line 6, position ", e.Message);
            Assert.DoesNotContain("LineNumber:", e.Message);
        }

        [Fact]
        public void Export_bundle_resolves_refs_by_id()
        {
            var json = @"[
  { ""$id"": ""https://ns.adobe.com/acme/mixins/loyalty"", ""meta:resourceType"": ""mixins"",
    ""definitions"": { ""custom"": { ""properties"": { ""_acme"": { ""type"": ""object"", ""properties"": { ""tier"": { ""type"": ""string"" } } } } } },
    ""allOf"": [ { ""$ref"": ""#/definitions/custom"" } ] },
  { ""$id"": ""https://ns.adobe.com/acme/schemas/orders"", ""meta:resourceType"": ""schemas"",
    ""allOf"": [ { ""$ref"": ""https://ns.adobe.com/acme/mixins/loyalty"" } ] }
]";
            var schema = TargetSchema.Parse(json, "bundle.json");
            Assert.Equal(new[] { "_acme", "_acme.tier" }, Paths(schema));
            Assert.Equal("_acme", schema.TenantNamespace);
        }

        [Fact]
        public void Plain_name_list()
        {
            var schema = TargetSchema.Parse("# custom fields of the orders dataset\n_acme.loyaltyLevel\n\n_acme.newsletterOptIn : boolean\n_acme.membership.tier\n", "fields.txt");
            Assert.Equal(new[] { "_acme", "_acme.loyaltyLevel", "_acme.newsletterOptIn", "_acme.membership", "_acme.membership.tier" }, Paths(schema));
            Assert.Equal("_acme", schema.TenantNamespace);
            Assert.Equal(XdmType.Boolean, schema.FindExact("_acme.newsletterOptIn")!.Type);
            Assert.Equal(XdmType.String, schema.FindExact("_acme.loyaltyLevel")!.Type);
        }

        [Fact]
        public void Plain_name_list_without_tenant_compares_names_as_given()
        {
            var schema = TargetSchema.Parse("loyaltyLevel\nstoreId\n", "fields.txt");
            Assert.Null(schema.TenantNamespace);
            var r = SchemaChecker.Check(schema, new AttributeUse("StoreId", "x", "x"));
            Assert.Equal(SchemaCheckStatus.CaseOnly, r.StatusValue);
            Assert.Equal("storeId", r.Field);
        }

        [Theory]
        [InlineData("_acme.a\n_acme.b:colour\n", 2)]
        [InlineData("_acme.a\n\n_acme..b\n", 3)]
        [InlineData("loyalty level\n", 1)]
        [InlineData("# fields\n_acme.a\nfield,type,description\n", 3)] // a CSV given as the field list
        [InlineData("_acme.a;_acme.b\n", 1)]
        [InlineData("\"_acme.a\"\n", 1)]
        public void Plain_name_list_errors_are_located(string text, long line)
        {
            var e = Assert.Throws<SchemaException>(() => TargetSchema.Parse(text, "fields.txt"));
            Assert.Equal(SchemaFailure.SchemaInvalidFieldList, e.Failure);
            Assert.Equal(line, e.Line);
        }
    }
}
