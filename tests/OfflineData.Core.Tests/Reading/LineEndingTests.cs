using System.Linq;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    public class LineEndingTests
    {
        [Fact]
        public void MixedCrLfAndLfCountLinesAndKeepNoCarriageReturn()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("mixed.csv", Rows.Header + "\r\n" + Rows.Valid(1) + "\n" + Rows.Valid(2) + "\r\n" + Rows.Valid(3) + "\n");

            using var reader = OfflineDataReader.Open(path);
            var lines = new System.Collections.Generic.List<long>();
            while (reader.Read())
            {
                Assert.Empty(reader.Findings);
                Assert.DoesNotContain("\r", reader.RawRecord);
                Assert.DoesNotContain("\r", reader.GetString(6));
                lines.Add(reader.Line);
            }

            Assert.Equal(new long[] { 2, 3, 4 }, lines);
            Assert.Equal(1, reader.HeaderRows);
        }

        [Fact]
        public void CrLfInsideQuotesIsPartOfTheValueAndAdvancesTheLine()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("q.csv", "2024-05-25 12:25:01;C1;7;CAT;SKU;1;2;\"Main St 1\r\nFloor 2\"\r\n" + Rows.Valid(2) + "\r\n");

            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.Empty(reader.Findings);
            Assert.Equal("Main St 1\r\nFloor 2", reader.ToRecord().Var1);
            Assert.True(reader.Read());
            Assert.Equal(3, reader.Line);
            Assert.Equal(2, reader.RowIndex);
            Assert.Empty(reader.Findings);
        }

        [Fact]
        public void LastLineWithoutALineEndIsRead()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("nolf.csv", Rows.Valid(1) + "\r\n" + "2024-05-25 12:25:02;C2;7;CAT;SKU;1;2.75");

            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.True(reader.Read());
            Assert.Empty(reader.Findings);
            Assert.Equal(2, reader.Line);
            Assert.Equal(2.75m, reader.ToRecord().Num2);
            Assert.False(reader.Read());
            Assert.Empty(reader.Findings);
        }

        [Theory]
        [InlineData("\r\n")]
        [InlineData("\n")]
        [InlineData("")]
        public void QuotedLastFieldFollowedByLineEnd(string lineEnd)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("q.csv", "2024-05-25 12:25:01;C1;7;CAT;SKU;1;\"2.50\"" + lineEnd + (lineEnd.Length > 0 ? Rows.Valid(2) + lineEnd : string.Empty));

            var scan = Scan.File(path);

            Assert.Empty(scan.Findings);
            Assert.Equal(lineEnd.Length > 0 ? 2 : 1, scan.Rows.Count);
            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.Equal(7, reader.FieldCount);
            Assert.Equal(2.50m, reader.ToRecord().Num2);
        }

        [Fact]
        public void TrailingSeparatorAtEndOfFileIsOneMoreEmptyField()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("t.csv", Rows.Valid(1) + ";");

            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.Equal(8, reader.FieldCount);
            Assert.Equal(string.Empty, reader.GetString(7));
            Assert.Null(reader.ToRecord().Var1);
        }
    }
}
