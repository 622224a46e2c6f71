using System;
using OfflineData.Core.Findings;
using Xunit;

namespace OfflineData.Core.Tests.Infrastructure
{
    /// <summary>Asserts every located part of a finding at once, so no test forgets the column or the raw value.</summary>
    public static class FindingAssert
    {
        public static void Located(
            Finding finding,
            FindingCode code,
            FindingSeverity severity,
            long? line,
            long? rowIndex,
            int? columnNumber,
            string? columnName,
            string? rawValue,
            params string[] messageMentions)
        {
            Assert.Equal(code, finding.CodeValue);
            Assert.Equal(severity, finding.SeverityValue);
            Assert.Equal(line, finding.Line);
            Assert.Equal(rowIndex, finding.RowIndex);
            Assert.Equal(columnNumber, finding.ColumnNumber);
            Assert.Equal(columnName, finding.ColumnName);
            Assert.Equal(rawValue, finding.RawValue);
            Assert.False(string.IsNullOrWhiteSpace(finding.Message));
            Assert.True(finding.Message.Length >= 20, $"Message too short to help anyone: '{finding.Message}'");
            foreach (var mention in messageMentions)
            {
                Assert.Contains(mention, finding.Message, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
