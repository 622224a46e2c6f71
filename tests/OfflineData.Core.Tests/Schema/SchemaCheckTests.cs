using System;
using System.Collections;
using System.IO;
using System.Linq;
using OfflineData.Core.Schema;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Schema
{
    /// <summary>The schema check's rules, each on its own: how a name meets the schema's field, and what is suggested.</summary>
    public sealed class SchemaCheckTests : IDisposable
    {
        private static readonly string Named = "Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2;Var1;Var2;Var3;Var4;Var5;"
            + string.Join(";", Enumerable.Range(1, 10).Select(i => "EventName Attr" + i));

        private readonly TempDirectory dir = new TempDirectory();

        public void Dispose() => dir.Dispose();

        private static TargetSchema Example() =>
            TargetSchema.Load(Path.Combine(RepoRoot(), "examples", "xdm-schema.json"));

        internal static string RepoRoot()
        {
            var d = new DirectoryInfo(AppContext.BaseDirectory);
            while (d != null && !File.Exists(Path.Combine(d.FullName, "OfflineData.sln"))) d = d.Parent;
            return d?.FullName ?? throw new InvalidOperationException("repository root not found");
        }

        private static SchemaCheckResult CheckName(TargetSchema schema, string name, string? field = null, string? type = null)
        {
            var use = new AttributeUse(name, "test", "test") { Field = field, DeclaredType = XdmTypes.Parse(type), DeclaredTypeName = type };
            return SchemaChecker.Check(schema, use);
        }

        private string DataFile(string attributeHeader, params string[] attributeRows)
        {
            var lines = new[] { Named + ";" + attributeHeader }
                .Concat(attributeRows.Select((r, i) => $"2025-03-01 09:1{i}:05;C{i};7;;SKU;1;9.50;;;;;;;;;;;;;;;;" + r));
            return dir.WriteText("data.csv", string.Join("\n", lines) + "\n");
        }

        [Fact]
        public void Exact()
        {
            var r = CheckName(Example(), "loyaltyLevel");
            Assert.Equal(SchemaCheckStatus.Exact, r.StatusValue);
            Assert.Equal("_acme.loyaltyLevel", r.Field);
            Assert.True(r.Match);
            Assert.Null(r.Suggestion);
            Assert.Equal("string", r.FieldType);
            Assert.Equal("acme", r.TenantId);
        }

        [Fact]
        public void Exact_with_the_tenant_prefix_written_out()
        {
            var r = CheckName(Example(), "_acme.giftWrap");
            Assert.Equal(SchemaCheckStatus.Exact, r.StatusValue);
            Assert.Equal("boolean", r.FieldType);
        }

        [Fact]
        public void CaseOnly()
        {
            var r = CheckName(Example(), "StoreID");
            Assert.Equal(SchemaCheckStatus.CaseOnly, r.StatusValue);
            Assert.Equal("_acme.storeId", r.Field);
            Assert.Equal("_acme.storeId", r.Suggestion);
            Assert.False(r.Match);
        }

        [Fact]
        public void Missing_with_suggestion()
        {
            var r = CheckName(Example(), "loyaltyPts");
            Assert.Equal(SchemaCheckStatus.Missing, r.StatusValue);
            Assert.Equal("_acme.loyaltyPts", r.Field);
            Assert.Equal("_acme.loyaltyPoints", r.Suggestion);
            Assert.Null(r.FieldType);
            Assert.Contains("did you mean _acme.loyaltyPoints?", r.Message);
        }

        [Fact]
        public void Missing_suggestion_is_tenant_prefix_aware()
        {
            // The wrong tenant, the right name: the distance is taken without the prefix.
            var r = CheckName(Example(), "_acmee.deliveryDate");
            Assert.Equal(SchemaCheckStatus.Missing, r.StatusValue);
            Assert.Equal("_acme.deliveryDate", r.Suggestion);
        }

        [Fact]
        public void Missing_suggestion_finds_a_nested_field_by_its_last_name()
        {
            var r = CheckName(Example(), "tier");
            Assert.Equal(SchemaCheckStatus.Missing, r.StatusValue);
            Assert.Equal("_acme.membership.tier", r.Suggestion);
        }

        [Fact]
        public void Missing_without_suggestion_when_nothing_is_close()
        {
            var r = CheckName(Example(), "warehouseRegionCode");
            Assert.Equal(SchemaCheckStatus.Missing, r.StatusValue);
            Assert.Null(r.Suggestion);
        }

        [Fact]
        public void TypeMismatch_from_the_map_declared_type()
        {
            var r = CheckName(Example(), "Points", "_acme.loyaltyPoints", "date");
            Assert.Equal(SchemaCheckStatus.TypeMismatch, r.StatusValue);
            Assert.Equal("long", r.FieldType);
            Assert.Equal("date", r.DeclaredType);
            Assert.Contains("declared date", r.Message);
        }

        [Fact]
        public void TypeMismatch_not_for_a_whole_number_declared_for_a_number_field()
        {
            var schema = TargetSchema.Parse("_acme.amount:number\n", "list.txt");
            Assert.Equal(SchemaCheckStatus.Exact, CheckName(schema, "amount", null, "integer").StatusValue);
        }

        [Fact]
        public void TypeMismatch_when_the_field_is_an_object()
        {
            var r = CheckName(Example(), "membership");
            Assert.Equal(SchemaCheckStatus.TypeMismatch, r.StatusValue);
            Assert.Equal("object", r.FieldType);
        }

        [Theory]
        [InlineData("newsletterOptIn", "yes", true)]
        [InlineData("newsletterOptIn", "TRUE", false)]
        [InlineData("newsletterOptIn", "0", false)]
        [InlineData("deliveryDate", "04/03/2025", true)]
        [InlineData("deliveryDate", "2025-03-04", false)]
        [InlineData("deliveryDate", "2025-02-30", true)]
        [InlineData("loyaltyPoints", "12.5", true)]
        [InlineData("loyaltyPoints", "-1200", false)]
        [InlineData("membership.memberSince", "2019-06-01T10:00:00Z", false)]
        [InlineData("membership.memberSince", "2019-06-01 10:00:00", false)]
        [InlineData("membership.memberSince", "June 2019", true)]
        [InlineData("loyaltyLevel", "anything at all", false)]
        public void TypeMismatch_from_sampled_values(string column, string value, bool mismatch)
        {
            var file = DataFile(column, "", value);
            var uses = AttributeCollector.FromDataFile(file, null);
            var r = SchemaChecker.Check(Example(), Assert.Single(uses));
            Assert.Equal(mismatch ? SchemaCheckStatus.TypeMismatch : SchemaCheckStatus.Exact, r.StatusValue);
            if (mismatch) Assert.Contains($"'{value}' (data.csv line 3)", r.Message);
        }

        [Fact]
        public void Data_file_attribute_columns_are_named_by_the_header_and_placeholders_are_skipped()
        {
            var file = DataFile("loyaltyLevel;EventTransaction Attr2;StoreID", "Gold;x;S1");
            var uses = AttributeCollector.FromDataFile(file, null);
            Assert.Equal(new[] { "loyaltyLevel", "StoreID" }, uses.Select(u => u.Name));
            Assert.Equal(new[] { "data.csv col 23", "data.csv col 25" }, uses.Select(u => u.SeenIn));
        }

        [Fact]
        public void No_attributes_in_a_file_without_named_attribute_columns()
        {
            var uses = AttributeCollector.FromDataFile(Path.Combine(RepoRoot(), "examples", "valid-sample.csv"), null);
            Assert.Empty(uses);
        }

        [Fact]
        public void Attribute_map_names_a_placeholder_column()
        {
            var file = DataFile("EventTransaction Attr1", "Gold");
            var map = AttributeMap.Read(new StringReader("Attribute,Field\nTransactionAttr1,_acme.loyaltyLevel\n"), "map.csv");
            var use = Assert.Single(AttributeCollector.FromDataFile(file, map));
            Assert.Equal("_acme.loyaltyLevel", use.Field);
            Assert.Equal(SchemaCheckStatus.Exact, SchemaChecker.Check(Example(), use).StatusValue);
        }

        [Fact]
        public void Attribute_map_alone_gives_one_attribute_a_row()
        {
            var map = AttributeMap.Load(Path.Combine(RepoRoot(), "examples", "attribute-map.csv"));
            var results = SchemaChecker.Check(Example(), AttributeCollector.FromAttributeMap(map));
            Assert.Equal(new[] { "Exact", "Exact", "Exact", "TypeMismatch" }, results.Select(r => r.Status));
            Assert.Equal("attribute-map.csv line 5", results[3].SeenIn);
        }

        [Theory]
        [InlineData("Name,Target\nA,b\n", 1)]
        [InlineData("Attribute,Field\nA,\n", 2)]
        [InlineData("Attribute,Field,Type\nA,b,colour\n", 2)]
        [InlineData("Attribute,Field\nA,b\na,c\n", 3)]
        public void Attribute_map_errors_are_located(string text, long line)
        {
            var e = Assert.Throws<SchemaException>(() => AttributeMap.Read(new StringReader(text), "map.csv"));
            Assert.Equal(SchemaFailure.AttributeMapInvalid, e.Failure);
            Assert.Equal(line, e.Line);
            Assert.StartsWith($"map.csv, line {line}: ", e.Message);
        }

        [Fact]
        public void ColumnMap_transaction_attributes_are_the_named_source_columns()
        {
            var uses = AttributeCollector.FromColumnMap(new Hashtable { ["Timestamp"] = "Created", ["TransactionAttributes"] = new object[] { "loyaltyLevel", 4 }, ["TransactionAttr3"] = "Tier" }, null);
            Assert.Equal(new[] { "loyaltyLevel", "Tier" }, uses.Select(u => u.Name));
            Assert.Equal(new[] { "-ColumnMap TransactionAttr1", "-ColumnMap TransactionAttr3" }, uses.Select(u => u.SeenIn));
        }

        [Fact]
        public void ColumnMap_column_given_by_number_counts_when_the_map_names_its_target()
        {
            var map = AttributeMap.Read(new StringReader("Attribute,Field\nTransactionAttr2,_acme.giftWrap\n"), "map.csv");
            var uses = AttributeCollector.FromColumnMap(new Hashtable { ["TransactionAttributes"] = new object[] { "loyaltyLevel", 4 } }, map);
            Assert.Equal(new[] { "loyaltyLevel", "TransactionAttr2" }, uses.Select(u => u.Name));
            Assert.Equal("_acme.giftWrap", uses[1].Field);
        }

        [Fact]
        public void ColumnMap_Convert_would_refuse_is_refused_with_its_message()
        {
            var e = Assert.Throws<ArgumentException>(() => AttributeCollector.FromColumnMap(new Hashtable { ["loyalty"] = "Loyalty" }, null));
            Assert.Contains("is not a column of the offline data format", e.Message);
        }

        [Fact]
        public void UnmappedToTransactionAttributes_appends_the_source_columns_the_map_leaves_over()
        {
            var source = dir.WriteText("crm.csv", "sep=;\nCreated;Id;Topic;Ticket;loyaltyLevel;StoreID\n2025-03-02 10:15:00;C1;CALL;T-1;Gold;S1\n");
            var map = new Hashtable { ["Timestamp"] = "Created", ["CustomerId"] = "Id", ["EventName"] = "Topic", ["TransactionAttributes"] = new object[] { 4 } };
            var uses = AttributeCollector.FromConvertSource(source, map, unmappedToAttributes: true, map: null);
            Assert.Equal(new[] { "Ticket", "loyaltyLevel", "StoreID" }, uses.Select(u => u.Name));
            Assert.Equal(new[] { "-ColumnMap TransactionAttr1", "crm.csv col 5 (TransactionAttr2)", "crm.csv col 6 (TransactionAttr3)" }, uses.Select(u => u.SeenIn));

            var without = AttributeCollector.FromConvertSource(source, map, unmappedToAttributes: false, map: null);
            Assert.Equal(new[] { "Ticket" }, without.Select(u => u.Name));
        }

        [Fact]
        public void UnmappedToTransactionAttributes_on_the_bundled_CRM_export()
        {
            var map = new Hashtable { ["Timestamp"] = "Created", ["CustomerId"] = "Id", ["EventName"] = "Topic" };
            var uses = AttributeCollector.FromConvertSource(Path.Combine(RepoRoot(), "examples", "crm-export.csv"), map, unmappedToAttributes: true, map: null);
            var use = Assert.Single(uses);
            Assert.Equal("Ticket", use.Name);
            Assert.Equal("crm-export.csv col 4 (TransactionAttr1)", use.SeenIn);
        }

        [Fact]
        public void Convert_source_without_a_mapped_column_is_Converts_error()
        {
            var source = dir.WriteText("crm.csv", "Created,Id,Topic\n2025-03-02 10:15:00,C1,CALL\n");
            var e = Assert.Throws<OfflineData.Core.Conversion.ConversionException>(() =>
                AttributeCollector.FromConvertSource(source, new Hashtable { ["Timestamp"] = "Created", ["TransactionAttr1"] = "Loyalty" }, false, null));
            Assert.Equal(OfflineData.Core.Conversion.ConversionFailure.SourceColumnNotFound, e.Failure);
        }
    }
}
