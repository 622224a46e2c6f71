using System.Linq;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Encoding
{
    public class ByteOrderMarkTests
    {
        [Fact]
        public void Utf8BomIsAcceptedAndTheHeaderStillDetected()
        {
            using var dir = new TempDirectory();
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(new UTF8Encoding(false).GetBytes(Rows.Lines(Rows.Header, Rows.Valid(1), Rows.Valid(2)))).ToArray();
            var path = dir.WriteBytes("bom.csv", bytes);

            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.Empty(reader.Findings);
            Assert.True(reader.SawByteOrderMark);
            Assert.Equal(1, reader.HeaderRows);
            Assert.Equal(2, reader.Line);
            Assert.Equal(1, reader.RowIndex);
            Assert.StartsWith("2024-05-25", reader.RawRecord);
            Assert.True(reader.Read());
            Assert.False(reader.Read());
            Assert.Empty(reader.Findings);
        }

        [Fact]
        public void Utf8BomBeforeADataRowLeavesTheTimestampIntact()
        {
            using var dir = new TempDirectory();
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(new UTF8Encoding(false).GetBytes(Rows.Lines(Rows.Valid(1)))).ToArray();
            var path = dir.WriteBytes("bom.csv", bytes);

            var report = new OfflineDataValidator().Validate(path);

            Assert.True(report.IsValid, string.Join("\n", report.Findings));
            Assert.True(report.HasByteOrderMark);
            Assert.Equal(1, report.RowCount);
            Assert.Equal(1, report.ValidRowCount);
        }

        [Fact]
        public void BomInTheMiddleOfAJoinedFileIsNamedInTheMessage()
        {
            using var dir = new TempDirectory();
            var bom = new byte[] { 0xEF, 0xBB, 0xBF };
            var utf8 = new UTF8Encoding(false);
            var bytes = bom.Concat(utf8.GetBytes(Rows.Lines(Rows.Valid(1)))).Concat(bom).Concat(utf8.GetBytes(Rows.Lines(Rows.Valid(2)))).ToArray();
            var path = dir.WriteBytes("joined.csv", bytes);

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.InvalidTimestamp);
            FindingAssert.Located(f, FindingCode.InvalidTimestamp, FindingSeverity.Error, 2, 2, 1, "Time Stamp", "\uFEFF2024-05-25 12:25:02", "byte order mark");
        }

        [Fact]
        public void FileWithoutBomSaysSo()
        {
            using var dir = new TempDirectory();
            var report = new OfflineDataValidator().Validate(dir.WriteText("plain.csv", Rows.Lines(Rows.Valid(1))));

            Assert.False(report.HasByteOrderMark);
        }
    }
}
