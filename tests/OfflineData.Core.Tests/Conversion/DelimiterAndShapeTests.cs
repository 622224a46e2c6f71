using System.IO;
using OfflineData.Core.Conversion;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    public sealed class DelimiterAndShapeTests
    {
        private const string TargetHeader = "Timestamp,CustomerId,EventType,EventName,Num1,Num2";

        [Theory]
        [InlineData(",")]
        [InlineData(";")]
        [InlineData("\t")]
        [InlineData("|")]
        public void DetectsEachDelimiter(string d)
        {
            using var dir = new TempDirectory();
            var src = string.Join(d, "Timestamp", "CustomerId", "EventType", "EventName", "Num1", "Num2") + "\n"
                + string.Join(d, "2024-05-25 12:00:00", "C1", "7", "SKU1", "2", "10.50") + "\n"
                + string.Join(d, "2024-05-25 13:00:00", "C2", "7", "SKU2", "1", "3") + "\n";
            var (result, output) = Convert.Run(dir, "src.txt", src);
            Assert.Equal(d == "\t" ? "`t" : d, result.Delimiter);
            Assert.Equal(2, result.RowsWritten);
            Assert.Equal(new[] { "2024-05-25 12:00:00;C1;7;;SKU1;2;10.50", "2024-05-25 13:00:00;C2;7;;SKU2;1;3" }, Convert.DataRows(output));
        }

        [Fact]
        public void GivenDelimiterWinsOverDetection()
        {
            // Commas inside values would fool detection; the user says it is '|'.
            var detected = DelimiterDetector.Detect("a,b|c,d\ne,f|g,h\n", true);
            Assert.Equal(',', detected);
            using var dir = new TempDirectory();
            var src = "Timestamp|CustomerId|EventType|EventName|Num1|Num2\n2024-05-25 12:00:00|C1,x|7|SKU,1|2|10.5\n";
            var (_, output) = Convert.Run(dir, "src.txt", src, o => o.Delimiter = '|');
            Assert.Equal("2024-05-25 12:00:00;C1,x;7;;SKU,1;2;10.5", Convert.DataRows(output)[0]);
        }

        [Fact]
        public void QuotedFieldsWithDelimitersQuotesAndLineBreaksSurvive()
        {
            using var dir = new TempDirectory();
            var src = TargetHeader + ",Var1\r\n"
                + "2024-05-25 12:00:00,C1,7,\"Shoe, red\",2,10.5,\"line1\r\nline2; \"\"quoted\"\"\"\r\n"
                + "2024-05-25 12:01:00,C2,7,Hat,1,3,plain\r\n";
            var (result, output) = Convert.Run(dir, "src.csv", src);
            Assert.Equal(2, result.RowsWritten);
            Assert.Contains("2024-05-25 12:00:00;C1;7;;Shoe, red;2;10.5;\"line1\r\nline2; \"\"quoted\"\"\"\n", output);
            Assert.Contains("2024-05-25 12:01:00;C2;7;;Hat;1;3;plain\n", output);
        }

        [Fact]
        public void SourceWithoutHeaderInTargetOrderMapsByPosition()
        {
            using var dir = new TempDirectory();
            var src = "2024-05-25 12:00:00,C1,7,CAT,SKU1,2,10.5,Stockholm,,,,,,,,,,,,,,,PUR-1,extra\n2024-05-25 12:01:00,C2,7,,SKU2,1,3\n";
            var (result, output) = Convert.Run(dir, "src.csv", src);
            Assert.False(result.SourceHadHeader);
            var rows = Convert.DataRows(output);
            Assert.Equal("2024-05-25 12:00:00;C1;7;CAT;SKU1;2;10.5;Stockholm;;;;;;;;;;;;;;;PUR-1;extra", rows[0]);
            Assert.Equal("2024-05-25 12:01:00;C2;7;;SKU2;1;3", rows[1]);
        }

        [Fact]
        public void NoHeaderOptionWritesNoHeaderRow()
        {
            using var dir = new TempDirectory();
            var (_, output) = Convert.Run(dir, "src.csv", TargetHeader + "\n2024-05-25 12:00:00,C1,7,SKU1,2,10.5\n", o => o.WriteHeader = false);
            Assert.Equal("2024-05-25 12:00:00;C1;7;;SKU1;2;10.5\n", output);
        }

        [Fact]
        public void HeaderRowUsesTheSchemaNames()
        {
            using var dir = new TempDirectory();
            var (_, output) = Convert.Run(dir, "src.csv", TargetHeader + "\n2024-05-25 12:00:00,C1,7,SKU1,2,10.5\n");
            Assert.StartsWith(Rows.Header + "\n", output);
        }

        [Fact]
        public void ExcelsSepLineNamesTheDelimiterAndIsNotARow()
        {
            using var dir = new TempDirectory();
            // Commas in every row would win detection; the sep= line says ';'.
            var src = "sep=;\r\nTimestamp;CustomerId;EventType;EventName;Num1;Num2\r\n2024-05-25 12:00:00;C1,a,b;7;S,1,2;1;1\r\n";
            var (result, output) = Convert.Run(dir, "src.csv", src);
            Assert.Equal(";", result.Delimiter);
            Assert.Equal(1, result.RowsRead);
            Assert.Equal("2024-05-25 12:00:00;C1,a,b;7;;S,1,2;1;1", Convert.DataRows(output)[0]);
        }

        [Fact]
        public void UndetectableDelimiterIsAFileError()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", "just one column\nof words\n");
            var e = Assert.Throws<ConversionException>(() => new OfflineDataConverter(new ConversionOptions()).Convert(src, dir.Combine("out.csv")));
            Assert.Equal(ConversionFailure.DelimiterNotDetected, e.Failure);
            Assert.False(File.Exists(dir.Combine("out.csv")));
        }

        [Fact]
        public void ZipAndGzipSourcesAreRecognisedByContent()
        {
            using var dir = new TempDirectory();
            var body = TargetHeader + "\n2024-05-25 12:00:00,C1,7,SKU1,2,10.5\n";
            var zip = dir.WriteZip("export.dat", ("folder/", ""), ("a.csv", body), ("b.csv", body.Replace("C1", "C2")));
            var gz = dir.WriteGzip("export2.dat", body);
            var r1 = new OfflineDataConverter(new ConversionOptions()).Convert(zip, dir.Combine("z.csv"));
            var r2 = new OfflineDataConverter(new ConversionOptions()).Convert(gz, dir.Combine("g.csv"));
            Assert.Equal(OfflineData.Core.Containers.ContainerFormat.Zip, r1.ContainerValue);
            Assert.Equal(2, r1.RowsWritten);
            Assert.Equal(OfflineData.Core.Containers.ContainerFormat.Gzip, r2.ContainerValue);
            Assert.Equal(1, r2.RowsWritten);
            Convert.AssertValid(dir.Combine("z.csv"));
            Assert.Contains("C2", File.ReadAllText(dir.Combine("z.csv")));
        }

        [Fact]
        public void CompressWritesAZipThatValidates()
        {
            using var dir = new TempDirectory();
            var (result, _) = Convert.Run(dir, "src.csv", System.Text.Encoding.UTF8.GetBytes(TargetHeader + "\n2024-05-25 12:00:00,C1,7,SKU1,2,10.5\n"), null, "out.zip");
            using var zip = new ICSharpCode.SharpZipLib.Zip.ZipFile(dir.Combine("out.zip"));
            Assert.Equal(1, (int)zip.Count);
            Assert.Equal("out.csv", zip[0].Name);
            Assert.Equal(1, result.RowsWritten);
        }

        [Fact]
        public void BlankLinesAreNotRowsAndLineNumbersStayPhysical()
        {
            using var dir = new TempDirectory();
            var src = TargetHeader + "\n\n2024-05-25 12:00:00,C1,7,SKU1,2,\"10.5\"\n\n2024-05-25 12:00:00,C1,7,\"multi\nline\",x,1\n2024-05-25 12:00:00,C3,7,SKU,bad,1\n";
            var (result, _) = Convert.Run(dir, "src.csv", src);
            Assert.Equal(3, result.RowsRead);
            var rejects = File.ReadAllLines(result.RejectPath!);
            Assert.Contains(rejects, l => l.Contains(",5,InvalidNumber (404)"));
            Assert.Contains(rejects, l => l.Contains(",7,InvalidNumber (404)"));
        }

        [Fact]
        public void LinesOfOnlySeparatorsAreBlankRowsAsTestCallsThemNotRejects()
        {
            // Test-OfflineDataFile reports ";;;;;;" as a BlankRow warning; Convert skipped it as a row of six empty values.
            using var dir = new TempDirectory();
            var src = ";;;;;\nTimestamp;CustomerId;EventType;EventName;Num1;Num2\n2024-05-25 12:00:00;C1;7;SKU1;2;10.5\n;;;;;;\n\"\";;;;;\n2024-05-25 12:00:00;C3;7;SKU;bad;1\n";
            var (result, _) = Convert.Run(dir, "src.csv", System.Text.Encoding.UTF8.GetBytes(src), o => o.Delimiter = ';');
            Assert.True(result.SourceHadHeader);
            Assert.Equal(2, result.RowsRead);
            Assert.Equal(1, result.RowsWritten);
            Assert.Equal(1, result.RowsRejected);
            Assert.Equal(1, result.RejectReasons[ConversionRejectReason.InvalidNumber]);
            Assert.Contains(File.ReadAllLines(result.RejectPath!), l => System.Text.RegularExpressions.Regex.IsMatch(l, "[;,]6[;,]InvalidNumber \\(404\\)"));
        }
    }
}
