using System;
using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Rules
{
    /// <summary>The row rules on their own: what Convert and Write can apply to a value before writing it.</summary>
    public class RowRulesTests
    {
        private static readonly DateTime Now = new DateTime(2025, 1, 1);

        [Theory]
        [InlineData(0, "2024-02-29 12:00:00", null)]
        [InlineData(0, "2023-02-29 12:00:00", FindingCode.InvalidTimestamp)]
        [InlineData(0, "2024-05-25T12:00:00", FindingCode.InvalidTimestamp)]
        [InlineData(0, "2030-01-01 00:00:00", FindingCode.FutureTimestamp)]
        [InlineData(0, "", FindingCode.EmptyMandatoryField)]
        [InlineData(1, "", FindingCode.EmptyMandatoryField)]
        [InlineData(1, "anything", null)]
        [InlineData(2, "7", null)]
        [InlineData(2, "seven", FindingCode.InvalidEventType)]
        [InlineData(3, "", null)] // Category is optional
        [InlineData(5, "-12.50", null)]
        [InlineData(5, "1,5", FindingCode.InvalidNumber)]
        [InlineData(6, "", FindingCode.EmptyMandatoryField)]
        [InlineData(7, "", null)] // Var1 and later are optional and free text
        public void CheckValueAppliesTheSchemasRule(int column, string value, FindingCode? expected)
        {
            Assert.Equal(expected, RowRules.CheckValue(column, value, Now));
        }

        [Fact]
        public void EveryMandatoryColumnOfTheSchemaRejectsAnEmptyValueAndNoOtherDoes()
        {
            for (int i = 0; i < OfflineDataSchema.NamedColumnCount; i++)
            {
                var broken = RowRules.CheckValue(i, (string?)null, null);
                Assert.Equal(OfflineDataSchema.Columns[i].IsMandatory ? FindingCode.EmptyMandatoryField : (FindingCode?)null, broken);
            }
        }

        [Fact]
        public void WithoutANowNoTimestampIsInTheFuture()
        {
            Assert.Null(RowRules.CheckValue(0, "2999-01-01 00:00:00", null));
        }

        [Theory]
        [InlineData("2024-05-25 12:25:02;C1;seven;;SKU;1;2", 2)]
        [InlineData("2023-02-29 12:25:02;C1;7;;SKU;1;2", 0)]
        [InlineData("2024-05-25 12:25:02;C1;7;;SKU;1,5;2", 5)]
        [InlineData("2024-05-25 12:25:02;;7;;SKU;1;2", 1)]
        public void MessageForIsTheMessageTheReaderWrites(string row, int column)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("r.csv", Rows.Lines(row));
            using var reader = OfflineDataReader.Open(path, new OfflineDataReaderOptions { Now = Now });
            Assert.True(reader.Read());
            var finding = Assert.Single(reader.RowFindings);

            var value = row.Split(';')[column];
            var code = RowRules.CheckValue(column, value, Now);
            Assert.Equal(finding.CodeValue, code);
            Assert.Equal(finding.Message, RowRules.MessageFor(code!.Value, column, value, Now));
        }

        [Fact]
        public void ARowWithTooFewFieldsIsReportedOnceWithTheMissingColumn()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("r.csv", Rows.Lines("2024-05-25 12:25:02;C1;7;;SKU"));
            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            var finding = Assert.Single(reader.RowFindings);
            Assert.Equal(FindingCode.TooFewFields, finding.CodeValue);
            Assert.Equal(FindingMessages.TooFewFields(5), finding.Message);
            Assert.Contains("'Num1'", finding.Message);
        }
    }
}
