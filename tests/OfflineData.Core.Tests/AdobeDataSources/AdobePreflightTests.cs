using System;
using System.IO;
using System.Linq;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Writing.AdobeDataSources;
using Xunit;
using static OfflineData.Core.Tests.AdobeDataSources.AdobeTestRows;

namespace OfflineData.Core.Tests.AdobeDataSources
{
    /// <summary>Each pre-flight rule singly: the row is not written, it is counted under its code and lands in the reject file with its source line.</summary>
    public sealed class AdobePreflightTests
    {
        private static readonly DateTime Day = new DateTime(2026, 11, 1, 10, 30, 0);

        private static AdobeRejectedRow? RejectOf(OfflineDataRecordFactory make, Action<AdobeDataSourceOptions>? configure = null, string? transactionId = "use-record")
        {
            using var dir = new TempDirectory();
            var options = Options(o => { o.RejectPath = dir.Combine("rejects.csv"); configure?.Invoke(o); });
            using var writer = new AdobeDataSourceWriter(dir.FullName, options);
            var record = make();
            var reject = transactionId == "use-record" ? writer.Write(record) : writer.Write(record, transactionId);
            writer.Complete();
            if (reject != null)
            {
                Assert.Equal(1, writer.RowsRejected);
                Assert.Equal(0, writer.RowsWritten);
                Assert.Equal(1, writer.RejectCounts[reject.Code]);
                Assert.Empty(writer.Files);
                Assert.Empty(Directory.GetFiles(dir.FullName, "*.txt"));
                var lines = File.ReadAllLines(dir.Combine("rejects.csv"));
                Assert.Equal("Path,Entry,Line,Code,Message,Row", lines[0]);
                Assert.StartsWith("/in/till.csv,,7," + reject.Code + ",", lines[1]);
            }

            return reject;
        }

        private delegate OfflineData.Core.Format.OfflineDataRecord OfflineDataRecordFactory();

        [Fact]
        public void AdobeRowTooLong_RowOverTheLimitIncludingLineEnd()
        {
            // Date (19) + tab + "T1" + tab + product + tab "CAT" + tab "2" + tab "19.90" + tab "1" + "\n": the product fills the rest.
            static int RowBytes(string product) => 19 + 1 + 2 + 1 + product.Length + 1 + 3 + 1 + 1 + 1 + 5 + 1 + 1 + 1;
            var fits = new string('p', 4000 - RowBytes(string.Empty));
            Assert.Null(RejectOf(() => Purchase(Day, product: fits)));
            var reject = RejectOf(() => Purchase(Day, product: fits + "p"));
            Assert.Equal(nameof(AdobePreflightCode.AdobeRowTooLong), reject!.Code);
            Assert.Contains("4001 bytes", reject.Message);
        }

        [Fact]
        public void AdobeRowTooLong_LimitIsConfigurableButNotAboveAdobes()
        {
            var reject = RejectOf(() => Purchase(Day, product: new string('p', 100)), o => o.MaxRowBytes = 100);
            Assert.Equal(nameof(AdobePreflightCode.AdobeRowTooLong), reject!.Code);
            Assert.Throws<ArgumentException>(() => new AdobeDataSourceOptions { MaxRowBytes = 4097 }.Validate());
        }

        [Fact]
        public void AdobeSemicolonInDimension_RejectedByDefault()
        {
            var reject = RejectOf(() => Purchase(Day, product: "a;b"));
            Assert.Equal(nameof(AdobePreflightCode.AdobeSemicolonInDimension), reject!.Code);
        }

        [Fact]
        public void AdobeSemicolonInDimension_ReplacedOnRequest()
        {
            using var dir = new TempDirectory();
            var writer = WriteAll(dir, Options(o => o.SemicolonReplacement = ","), new[] { Purchase(Day, product: "a;b") });
            Assert.Equal(0, writer.RowsRejected);
            Assert.Contains("\ta,b\t", Lines(writer.Files[0].FullName)[1]);
        }

        [Fact]
        public void AdobeSemicolonInTransactionId_RejectedEvenWithAReplacement()
        {
            var reject = RejectOf(() => Purchase(Day, transactionId: "T;1"), o => o.SemicolonReplacement = ",");
            Assert.Equal(nameof(AdobePreflightCode.AdobeSemicolonInTransactionId), reject!.Code);
        }

        [Fact]
        public void AdobeFutureDate_AfterTheInjectedClock()
        {
            Assert.Null(RejectOf(() => Purchase(Now)));
            var reject = RejectOf(() => Purchase(Now.AddSeconds(1)));
            Assert.Equal(nameof(AdobePreflightCode.AdobeFutureDate), reject!.Code);
        }

        [Fact]
        public void AdobeDateMissing_RowWithoutDateIsNeverWritten()
        {
            var reject = RejectOf(() => Purchase(default));
            Assert.Equal(nameof(AdobePreflightCode.AdobeDateMissing), reject!.Code);
        }

        [Fact]
        public void AdobeNoDimension_RowWithoutAnyDimensionValue()
        {
            // Only metrics mapped besides the key column, and the key column is a metric-free dimension... so map the
            // customer template without Product and Category: VisitorID is not a dimension.
            var map = AdobeColumnMap.Default(AdobeTemplate.CustomerId).Without("Product").Without("Category");
            var reject = RejectOf(() => Purchase(Day), o => { o.Template = AdobeTemplate.CustomerId; o.Map = map; });
            Assert.Equal(nameof(AdobePreflightCode.AdobeNoDimension), reject!.Code);
        }

        [Fact]
        public void AdobeNoMetric_RowWithoutAnyMetricValue()
        {
            var map = AdobeColumnMap.Default(AdobeTemplate.TransactionId).Without("Quantity").Without("Price");
            // Not a purchase: Orders stays empty, so no metric has a value.
            var reject = RejectOf(() => Purchase(Day, eventType: 1), o => o.Map = map);
            Assert.Equal(nameof(AdobePreflightCode.AdobeNoMetric), reject!.Code);
        }

        [Fact]
        public void AdobeCategoryWithoutProduct_CategoryNeedsProduct()
        {
            var map = AdobeColumnMap.Default(AdobeTemplate.TransactionId).With("Product", AdobeValueSource.Parse("Var1"));
            var reject = RejectOf(() => Purchase(Day), o => o.Map = map);
            Assert.Equal(nameof(AdobePreflightCode.AdobeCategoryWithoutProduct), reject!.Code);
        }

        [Fact]
        public void AdobeTransactionIdTooLong_Over100BytesUtf8()
        {
            Assert.Null(RejectOf(() => Purchase(Day, transactionId: new string('x', 100))));
            // 50 two-byte characters are 100 bytes; one more is 102.
            Assert.Null(RejectOf(() => Purchase(Day, transactionId: new string('é', 50))));
            var reject = RejectOf(() => Purchase(Day, transactionId: new string('é', 51)));
            Assert.Equal(nameof(AdobePreflightCode.AdobeTransactionIdTooLong), reject!.Code);
        }

        [Fact]
        public void AdobeTransactionIdMissing_TransactionTemplateNeedsAnId()
        {
            var reject = RejectOf(() => Purchase(Day, transactionId: " "));
            Assert.Equal(nameof(AdobePreflightCode.AdobeTransactionIdMissing), reject!.Code);
        }

        [Fact]
        public void AdobeVisitorIdMissing_CustomerTemplateNeedsACustomerId()
        {
            var reject = RejectOf(() => Purchase(Day, customer: ""), o => o.Template = AdobeTemplate.CustomerId);
            Assert.Equal(nameof(AdobePreflightCode.AdobeVisitorIdMissing), reject!.Code);
        }

        [Fact]
        public void AdobeTabOrLineBreak_RejectedByDefault()
        {
            Assert.Equal(nameof(AdobePreflightCode.AdobeTabOrLineBreak), RejectOf(() => Purchase(Day, product: "a\tb"))!.Code);
            Assert.Equal(nameof(AdobePreflightCode.AdobeTabOrLineBreak), RejectOf(() => Purchase(Day, category: "a\r\nb"))!.Code);
        }

        [Fact]
        public void AdobeTabOrLineBreak_ReplacedOnRequest()
        {
            using var dir = new TempDirectory();
            var writer = WriteAll(dir, Options(o => o.TabOrLineBreakReplacement = " "), new[] { Purchase(Day, product: "a\tb", category: "c\r\nd") });
            var lines = Lines(writer.Files[0].FullName);
            Assert.Equal(2, lines.Length);
            Assert.Contains("\ta b\tc d\t", lines[1]);
        }

        [Fact]
        public void AdobeMetricNotNumeric_TextMappedToAMetric()
        {
            var map = AdobeColumnMap.Default(AdobeTemplate.TransactionId).With("event5", AdobeValueSource.Parse("Var1"));
            var reject = RejectOf(() => { var r = Purchase(Day); r.Var1 = "many"; return r; }, o => o.Map = map);
            Assert.Equal(nameof(AdobePreflightCode.AdobeMetricNotNumeric), reject!.Code);
        }

        [Fact]
        public void InvalidSourceRow_KeepsTheValidatorsCodeAndLocation()
        {
            using var dir = new TempDirectory();
            using var writer = new AdobeDataSourceWriter(dir.FullName, Options(o => o.RejectPath = dir.Combine("r.csv")));
            writer.Reject("InvalidTimestamp", "bad time", "/in/a.zip", "day1.csv", 12);
            writer.Complete();
            Assert.Equal(1, writer.RejectCounts["InvalidTimestamp"]);
            Assert.Equal("/in/a.zip,day1.csv,12,InvalidTimestamp,bad time,", File.ReadAllLines(dir.Combine("r.csv"))[1]);
        }

        [Fact]
        public void EveryCodeIsDocumentedInErrorsMd()
        {
            var errors = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "errors.md"));
            foreach (var code in Enum.GetNames(typeof(AdobePreflightCode))) Assert.Contains("`" + code + "`", errors);
        }

        private static string RepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "OfflineData.sln"))) dir = dir.Parent;
            return dir!.FullName;
        }
    }
}
