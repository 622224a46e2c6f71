using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.PowerShellHost;
using static OfflineData.Module.Tests.PowerShellHost.ScriptArguments;
using Xunit;

namespace OfflineData.Module.Tests.Schema
{
    /// <summary>Test-OfflineDataSchema from the assembled module, as a user sees it: results, errors, the information message, the table.</summary>
    public sealed class TestOfflineDataSchemaTests : IDisposable
    {
        private readonly ModuleSession session = new ModuleSession();
        private readonly TestDirectory dir = new TestDirectory();
        private readonly string examples = Path.Combine(ModuleLocation.RepoRoot, "examples");

        public void Dispose()
        {
            session.Dispose();
            dir.Dispose();
        }

        private string Example(string name) => Path.Combine(examples, name);

        [Fact]
        public void Results_first_then_one_error_per_Missing_and_TypeMismatch_with_the_result_as_target()
        {
            var result = session.Invoke(
                "param($schema, $file) Test-OfflineDataSchema -SchemaPath $schema -Path $file",
                Args(("schema", Example("xdm-schema.json")), ("file", Example("loyalty-orders.csv"))));

            Assert.Null(result.TerminatingError);
            var statuses = result.Output.Select(o => o.Properties["Attribute"].Value + "=" + o.Properties["Status"].Value).ToArray();
            Assert.Equal(new[] { "loyaltyLevel=Exact", "newsletterOptIn=TypeMismatch", "StoreID=CaseOnly", "deliveryDate=Exact", "loyaltyPts=Missing" }, statuses);
            Assert.Equal(new[] { "SchemaTypeMismatch", "SchemaFieldMissing" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Equal(ErrorCategory.InvalidType, result.Errors[0].CategoryInfo.Category);
            Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[1].CategoryInfo.Category);
            var target = PSObject.AsPSObject(result.Errors[1].TargetObject);
            Assert.Equal("_acme.loyaltyPoints", target.Properties["Suggestion"].Value);
            Assert.Equal("Use _acme.loyaltyPoints.", result.Errors[1].ErrorDetails.RecommendedAction);
            Assert.Contains("loyalty-orders.csv col 27", result.Errors[1].Exception.Message);
        }

        [Fact]
        public void Strict_makes_CaseOnly_an_error()
        {
            dir.WriteText("fields.txt", "_acme.loyaltyLevel\n");
            var result = session.Invoke(
                "param($list) Test-OfflineDataSchema -SchemaPath $list -ColumnMap @{ TransactionAttributes = 'LoyaltyLevel' } -Strict",
                Args(("list", Path.Combine(dir.FullPath, "fields.txt"))));
            Assert.True(result.Errors.Count == 1, result.DescribeErrors());
            var error = result.Errors[0];
            Assert.StartsWith("SchemaFieldCaseOnly", error.FullyQualifiedErrorId);
            Assert.Equal("CaseOnly", Assert.Single(result.Output).Properties["Status"].Value.ToString());

            var lenient = session.Invoke(
                "param($list) Test-OfflineDataSchema -SchemaPath $list -ColumnMap @{ TransactionAttributes = 'LoyaltyLevel' }",
                Args(("list", Path.Combine(dir.FullPath, "fields.txt"))));
            Assert.Empty(lenient.Errors);
        }

        [Fact]
        public void No_custom_attributes_found_is_information_not_output()
        {
            var result = session.Invoke(
                "param($schema, $file) Test-OfflineDataSchema -SchemaPath $schema -Path $file",
                Args(("schema", Example("xdm-schema.json")), ("file", Example("valid-sample.csv")))).ThrowIfFailed();
            Assert.Empty(result.Output);
            Assert.Equal("No custom attributes found.", Assert.Single(result.Information).MessageData.ToString());
        }

        [Fact]
        public void Bad_JSON_stops_with_a_located_error()
        {
            var bad = Path.Combine(dir.FullPath, "bad.json");
            File.WriteAllText(bad, "{\n  \"properties\": {\n    \"_acme\": \n}");
            var result = session.Invoke("param($schema) Test-OfflineDataSchema -SchemaPath $schema -ColumnMap @{ TransactionAttr1 = 'x' }", Args(("schema", bad)));
            // A cmdlet's terminating error ends its statement; in a script it is then an error record like the others.
            var error = result.TerminatingError ?? Assert.Single(result.Errors);
            Assert.StartsWith("SchemaInvalidJson", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal(bad, error.TargetObject);
            Assert.Contains("line 4, position 1", error.Exception.Message);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void A_column_map_Convert_refuses_is_InvalidArgument()
        {
            var result = session.Invoke("param($schema) Test-OfflineDataSchema -SchemaPath $schema -ColumnMap @{ Loyalty = 'x' }", Args(("schema", Example("xdm-schema.json"))));
            var error = result.TerminatingError ?? Assert.Single(result.Errors);
            Assert.StartsWith("InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("is not a column of the offline data format", error.Exception.Message);
        }
    }
}
