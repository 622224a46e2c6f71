using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Rules
{
    /// <summary>The header rules on a tokenized record, without a reader.</summary>
    public class HeaderRulesTests
    {
        private static RecordTokenizer On(string line)
        {
            var t = new RecordTokenizer(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(line + "\n")), 1 << 20, 1 << 16);
            t.DetectEncoding();
            Assert.True(t.ReadRecord());
            return t;
        }

        [Theory]
        [InlineData(HeaderMode.Auto, true)]
        [InlineData(HeaderMode.Absent, false)]
        [InlineData(HeaderMode.Present, true)]
        public void TheSchemasNamesAreAHeaderUnlessSaidOtherwise(HeaderMode mode, bool expected)
        {
            Assert.Equal(expected, HeaderRules.IsHeader(On(Rows.Header), mode));
        }

        [Fact]
        public void ADataRowIsNotAHeaderInAutoMode()
        {
            Assert.False(HeaderRules.IsHeader(On(Rows.Valid(1)), HeaderMode.Auto));
        }

        [Fact]
        public void AMisspeltFirstNameIsStillAHeaderWhenTheOthersMatch()
        {
            Assert.True(HeaderRules.IsHeader(On(Rows.Header.Replace("Time Stamp", "Tiem Stamp")), HeaderMode.Auto));
        }

        [Fact]
        public void CheckNamesEachWrongColumnAndAShortHeader()
        {
            var sink = new FindingCollector("h.csv");
            HeaderRules.Check(On("Time Stamp;Kunde;Event Type"), new OfflineDataReaderOptions(), sink);

            Assert.Equal(new[] { FindingCode.HeaderMismatch, FindingCode.HeaderMismatch }, sink.Items.Select(f => f.CodeValue).ToArray());
            Assert.Equal("Header column 2 is 'Kunde'; expected 'Customer ID'.", sink.Items[0].Message);
            Assert.Equal(2, sink.Items[0].ColumnNumber);
            Assert.StartsWith("The header has 3 column(s); expected at least 7, starting 'Category'", sink.Items[1].Message);
            Assert.All(sink.Items, f => Assert.Null(f.RowIndex));
            Assert.True(sink.HasErrors);
        }
    }
}
