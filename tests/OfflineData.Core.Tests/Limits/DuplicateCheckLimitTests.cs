using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Limits
{
    public class DuplicateCheckLimitTests
    {
        [Fact]
        public void LimitIsReportedOnceAtTheFirstRowNotRemembered()
        {
            using var dir = new TempDirectory();
            var lines = Enumerable.Range(1, 10).Select(i => Rows.Valid(i)).Concat(new[] { Rows.Valid(2), Rows.Valid(9) }).ToArray();
            var path = dir.WriteText("d.csv", Rows.Lines(lines));

            var scan = Scan.File(path, new OfflineDataReaderOptions { DuplicateCheckCapacity = 3 });

            var f = scan.Single(FindingCode.DuplicateCheckLimited);
            FindingAssert.Located(f, FindingCode.DuplicateCheckLimited, FindingSeverity.Warning, 4, 4, null, null, null, "3 distinct rows");
            // Row 2 was remembered, so its repeat is still found; row 9 came after the limit, so its repeat is not.
            var dup = scan.Single(FindingCode.DuplicateRow);
            Assert.Equal(11, dup.Line);
            Assert.All(scan.Rows, r => Assert.False(r.HasErrors));
        }

        [Fact]
        public void FileWithExactlyCapacityRowsIsNotLimited()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("d.csv", Rows.Lines(Rows.Valid(1), Rows.Valid(2), Rows.Valid(3), Rows.Valid(1)));

            var scan = Scan.File(path, new OfflineDataReaderOptions { DuplicateCheckCapacity = 3 });

            Assert.DoesNotContain(FindingCode.DuplicateCheckLimited, scan.Codes);
            Assert.Equal(4, scan.Single(FindingCode.DuplicateRow).Line);
        }
    }
}
