using System;
using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Writing.AdobeDataSources;
using Xunit;
using static OfflineData.Core.Tests.AdobeDataSources.AdobeTestRows;

namespace OfflineData.Core.Tests.AdobeDataSources
{
    public sealed class AdobeTemplateTests
    {
        private static readonly DateTime Day = new DateTime(2026, 1, 2, 3, 4, 5);

        [Fact]
        public void TransactionIdTemplate_DefaultMappingHeaderAndRow()
        {
            using var dir = new TempDirectory();
            var writer = WriteAll(dir, Options(), new[] { Purchase(Day, transactionId: "ORD-1", num1: 2m, num2: 19.90m) });
            var file = writer.Files.Single();
            Assert.Equal(dir.Combine("ds_0001.txt"), file.FullName);
            Assert.Equal(
                "Date\ttransactionID\tProduct\tCategory\tQuantity\tPrice\tOrders\n" +
                "01/02/2026/03/04/05\tORD-1\tSKU1\tCAT\t2\t19.90\t1\n",
                File.ReadAllText(file.FullName));
        }

        [Fact]
        public void CustomerIdTemplate_VisitorIdFromCustomerId()
        {
            using var dir = new TempDirectory();
            var writer = WriteAll(dir, Options(o => o.Template = AdobeTemplate.CustomerId), new[] { Purchase(Day, customer: "CUST-9", category: null) });
            Assert.Equal(new[] { "Date\tVisitorID\tProduct\tCategory\tQuantity\tPrice\tOrders", "01/02/2026/03/04/05\tCUST-9\tSKU1\t\t2\t19.90\t1" }, Lines(writer.Files[0].FullName));
        }

        [Fact]
        public void DateFormat_MonthDayYearHourMinuteSecondWithSlashes()
        {
            using var dir = new TempDirectory();
            var writer = WriteAll(dir, Options(), new[] { Purchase(new DateTime(2025, 12, 31, 23, 59, 58)) });
            Assert.StartsWith("12/31/2025/23/59/58\t", Lines(writer.Files[0].FullName)[1]);
            Assert.Equal("MM/dd/yyyy/HH/mm/ss", AdobeDataSourceWriter.DateFormat);
        }

        [Fact]
        public void Utf8WithoutBomTabDelimitedHeaderFirst()
        {
            using var dir = new TempDirectory();
            var writer = WriteAll(dir, Options(), new[] { Purchase(Day, product: "Käse") });
            var bytes = File.ReadAllBytes(writer.Files[0].FullName);
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.Equal((long)bytes.Length, writer.Files[0].Bytes);
            Assert.Contains("\tKäse\t", new UTF8Encoding(false, true).GetString(bytes));
        }

        [Fact]
        public void Orders_CountedOncePerPurchaseNotPerProductRow()
        {
            using var dir = new TempDirectory();
            var rows = new[]
            {
                Purchase(Day, transactionId: "A", product: "P1"),
                Purchase(Day, transactionId: "A", product: "P2"),
                Purchase(Day, transactionId: "B", product: "P1"),
                Purchase(Day, transactionId: "C", product: "P1", eventType: 3),
            };
            var lines = Lines(WriteAll(dir, Options(), rows).Files[0].FullName);
            Assert.Equal(new[] { "1", string.Empty, "1", string.Empty }, lines.Skip(1).Select(l => l.Split('\t').Last()).ToArray());
        }

        [Fact]
        public void OverriddenMapping_EvarAndEventFromOfflineColumns()
        {
            using var dir = new TempDirectory();
            var map = AdobeColumnMap.Default(AdobeTemplate.TransactionId).Without("Orders").With("eVar1", AdobeValueSource.Parse("Var1")).With("event5", AdobeValueSource.Parse("Num1"));
            var record = Purchase(Day);
            record.Var1 = "Berlin";
            var writer = WriteAll(dir, Options(o => o.Map = map), new[] { record });
            Assert.Equal(new[] { "Date\ttransactionID\tProduct\tCategory\tQuantity\tPrice\tEvar 1\tEvent 5", "01/02/2026/03/04/05\tT1\tSKU1\tCAT\t2\t19.90\tBerlin\t2" }, Lines(writer.Files[0].FullName));
        }

        [Fact]
        public void TransactionIdColumn_ChosenColumnIsRead()
        {
            using var dir = new TempDirectory();
            var record = Purchase(Day);
            record.TransactionAttributes = new[] { "first", "second" };
            var writer = WriteAll(dir, Options(o => o.TransactionIdColumn = OfflineData.Core.Matching.TransactionIdColumn.Parse("24")), new[] { record });
            Assert.StartsWith("01/02/2026/03/04/05\tsecond\t", Lines(writer.Files[0].FullName)[1]);
        }

        [Fact]
        public void FromAnOfflineDataFile_ReaderRecordsKeepTheirLines()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("till.csv", StoreTestKit.OfflineRow(Day, "C1", "T1") + "\n" + StoreTestKit.OfflineRow(Day, "C2", "T2", var1: "\"x;y\"") + "\n");
            using var reader = OfflineData.Core.Reading.OfflineDataReader.Open(path, new OfflineData.Core.Reading.OfflineDataReaderOptions { Now = Now });
            var outDir = Path.Combine(dir.FullName, "out");
            Directory.CreateDirectory(outDir);
            var map = AdobeColumnMap.Default(AdobeTemplate.TransactionId).With("Evar 2", AdobeValueSource.Parse("Var1"));
            using var writer = new AdobeDataSourceWriter(outDir, Options(o => o.Map = map));
            AdobeRejectedRow? reject = null;
            while (reader.Read()) reject ??= writer.Write(reader.ToRecord());
            writer.Complete();
            Assert.Equal(1, writer.RowsWritten);
            Assert.Equal(path, reject!.Path);
            Assert.Equal(2, reject.Line);
            Assert.Equal(nameof(AdobePreflightCode.AdobeSemicolonInDimension), reject.Code);
        }
    }
}
