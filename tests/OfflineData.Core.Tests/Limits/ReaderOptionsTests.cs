using System;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Limits
{
    public class ReaderOptionsTests
    {
        [Theory]
        [InlineData(8, 1024, 10, "MaxFieldLength")]
        [InlineData(2048, 1024, 10, "MaxRecordLength")]
        [InlineData(1024, 512 * 1024 * 1024, 10, "MaxRecordLength")]
        [InlineData(1024, 4096, -1, "DuplicateCheckCapacity")]
        public void LimitsOutOfRangeAreRejectedBeforeReading(int field, int record, int duplicates, string parameter)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("a.csv", Rows.Lines(Rows.Valid(1)));
            var options = new OfflineDataReaderOptions { MaxFieldLength = field, MaxRecordLength = record, DuplicateCheckCapacity = duplicates };

            var e = Assert.Throws<ArgumentOutOfRangeException>(() => OfflineDataReader.Open(path, options));
            Assert.Equal(parameter, e.ParamName);
        }

        [Fact]
        public void DefaultsAreTheDocumentedLimits()
        {
            var options = new OfflineDataReaderOptions();

            Assert.Equal(32 * 1024, options.MaxFieldLength);
            Assert.Equal(1024 * 1024, options.MaxRecordLength);
            Assert.Equal(2 * 1024 * 1024, options.DuplicateCheckCapacity);
            Assert.Equal(HeaderMode.Auto, options.Header);
            Assert.True(options.CheckDuplicates);
        }
    }
}
