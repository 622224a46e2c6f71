using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Rules
{
    /// <summary>The duplicate-row rule on its own: exact repeats, and its capacity said once.</summary>
    public class DuplicateRowRuleTests
    {
        private static FindingCollector Run(DuplicateRowRule rule, params string[] rows)
        {
            var t = new RecordTokenizer(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", rows) + "\n")), 1 << 20, 1 << 16);
            t.DetectEncoding();
            var sink = new FindingCollector("d.csv");
            long index = 0;
            while (t.ReadRecord()) rule.Check(t, ++index, sink);
            return sink;
        }

        [Fact]
        public void AnExactRepeatIsAWarningOnTheRepeat()
        {
            var sink = Run(new DuplicateRowRule(100), "a;1", "b;2", "a;1", "a;1 ");
            var f = Assert.Single(sink.Items);
            Assert.Equal(FindingCode.DuplicateRow, f.CodeValue);
            Assert.Equal(FindingSeverity.Warning, f.SeverityValue);
            Assert.Equal(3, f.RowIndex);
            Assert.Equal(3, f.Line);
            Assert.Equal("a;1", f.RawValue);
            Assert.False(sink.HasErrors);
        }

        [Fact]
        public void TheLimitIsReportedOnceOnTheFirstRowNotRemembered()
        {
            var sink = Run(new DuplicateRowRule(2), "a", "b", "c", "d", "a", "c");
            Assert.Equal(new[] { FindingCode.DuplicateCheckLimited, FindingCode.DuplicateRow }, sink.Items.Select(f => f.CodeValue).ToArray());
            Assert.Equal(3, sink.Items[0].RowIndex);
            Assert.Equal(FindingMessages.DuplicateCheckLimited(2), sink.Items[0].Message);
            Assert.Equal(5, sink.Items[1].RowIndex);
        }
    }
}
