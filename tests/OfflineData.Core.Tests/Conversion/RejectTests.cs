using System.IO;
using System.Linq;
using OfflineData.Core.Conversion;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    public sealed class RejectTests
    {
        private const string Header = "Datum,Kund,Typ,Artikel,Antal,Belopp";

        private static ColumnMapping SwedishMap() => ColumnMapping.Create(
            new System.Collections.Hashtable { ["Timestamp"] = "Datum", ["CustomerId"] = "Kund", ["EventType"] = "Typ", ["EventName"] = "Artikel", ["Num1"] = "Antal", ["Num2"] = "Belopp" }, null);

        [Fact]
        public void EveryBadRowIsCountedAndKeptWithLineAndReasonInTheSourcesFormat()
        {
            using var dir = new TempDirectory();
            var src = Header + "\n"
                + "2024-05-25 12:00:00,C1,7,SKU1,2,10.5\n"           // 2 ok
                + "2024-05-25 12:00:00,,7,SKU1,2,10.5\n"             // 3 empty customer
                + "not a date,C3,7,SKU1,2,10.5\n"                    // 4 timestamp
                + "2024-05-25 12:00:00,C4,7,\"multi\nline, \"\"x\"\"\",2,abc\n" // 5-6 number
                + "2024-05-25 12:00:00,C5,7,SKU1\n"                  // 7 missing fields
                + "2024-05-25 12:00:00,C6,7,SK\"U,2,1\n"             // 8 stray quote
                + "2024-05-25 12:00:00,C7,7,SKU7,1,1\n";             // 9 ok
            var rejectPath = dir.Combine("bad.csv");
            var (result, _) = Convert.Run(dir, "src.csv", src, o =>
            {
                o.RejectPath = rejectPath;
                o.Mapping = SwedishMap();
            });
            Assert.Equal(7, result.RowsRead);
            Assert.Equal(2, result.RowsWritten);
            Assert.Equal(5, result.RowsRejected);
            Assert.Equal(rejectPath, result.RejectPath);

            var lines = File.ReadAllText(rejectPath).Split("\r\n", System.StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Header + ",RejectEntry,RejectLine,RejectCode,RejectReason", lines[0]);
            Assert.StartsWith("2024-05-25 12:00:00,,7,SKU1,2,10.5,,3,EmptyMandatoryValue (402),", lines[1]);
            Assert.StartsWith("not a date,C3,7,SKU1,2,10.5,,4,InvalidTimestamp (403),", lines[2]);
            // The quoted line break is written with the reject file's own line end (CR LF): one line ending throughout.
            Assert.StartsWith("2024-05-25 12:00:00,C4,7,\"multi", lines[3]);
            Assert.StartsWith("line, \"\"x\"\"\",2,abc,,5,InvalidNumber (404),", lines[4]);
            Assert.DoesNotContain("\n", File.ReadAllText(rejectPath).Replace("\r\n", string.Empty));
            // The short row is padded to the header's width: RejectLine stays under its name.
            Assert.StartsWith("2024-05-25 12:00:00,C5,7,SKU1,,,,7,MissingField (401),", lines[5]);
            Assert.Equal("7", lines[5].Split(',')[System.Array.IndexOf(lines[0].Split(','), "RejectLine")]);
            Assert.Contains(",8,MalformedRow (408),", lines[6]);

            // The reject file reads back through the same conversion (the reason columns sit at the end).
            var again = new OfflineDataConverter(new ConversionOptions { Mapping = SwedishMap() })
                .Convert(rejectPath, dir.Combine("again.csv"), null, dryRun: true);
            Assert.Equal(5, again.RowsRead);
        }

        [Fact]
        public void AShortRowOfASourceWithoutHeaderIsPaddedToTheFirstRowsWidth()
        {
            using var dir = new TempDirectory();
            var src = "2024-05-25 12:00:00;C1;7;;SKU1;2;10.5;Malmö\n"   // 1 ok, 8 fields
                + "2024-05-25 12:00:00;C2;7;;SKU2\n";                     // 2 missing Num1, Num2
            var (result, _) = Convert.Run(dir, "src.csv", src);
            Assert.Equal(1, result.RowsRejected);
            var line = File.ReadAllText(result.RejectPath!).TrimEnd('\r', '\n');
            Assert.StartsWith("2024-05-25 12:00:00;C2;7;;SKU2;;;;;2;MissingField (401);", line);
        }

        [Fact]
        public void RejectFileUsesTheSourcesDelimiterAndEncoding()
        {
            using var dir = new TempDirectory();
            var src = "Datum;Kund;Typ;Artikel;Antal;Belopp\n2024-05-25 12:00:00;Malmö;7;SKU1;2;10,5\n2024-05-25 12:00:00;C2;7;SKU2;2;10.5\n";
            var (result, _) = Convert.Run(dir, "src.csv", Convert.Windows1252.GetBytes(src), o =>
            {
                o.Encoding = Convert.Windows1252;
                o.Mapping = SwedishMap();
                o.Culture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
            });
            Assert.Equal(1, result.RowsRejected);
            Assert.Equal(dir.Combine("out.rejects.csv"), result.RejectPath);
            var text = File.ReadAllText(result.RejectPath!, Convert.Windows1252);
            Assert.Contains("2024-05-25 12:00:00;Malmö;7;SKU1;2;10,5;;2;InvalidNumber (404);", text);
        }

        [Fact]
        public void NoRejectFileWhenNothingIsRejected()
        {
            using var dir = new TempDirectory();
            var (result, _) = Convert.Run(dir, "src.csv", "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n2024-05-25 12:00:00,C1,7,S,1,1\n");
            Assert.Null(result.RejectPath);
            Assert.Equal(0, result.RowsRejected);
            Assert.False(File.Exists(dir.Combine("out.rejects.csv")));
        }

        [Fact]
        public void ZipEntryIsNamedOnEachReject()
        {
            using var dir = new TempDirectory();
            var zip = dir.WriteZip("src.zip", ("day1.csv", "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n2024-05-25 12:00:00,C1,7,S,1,1\n"), ("day2.csv", "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n2024-05-26 12:00:00,C1,7,S,x,1\n"));
            var result = new OfflineDataConverter(new ConversionOptions()).Convert(zip, dir.Combine("out.csv"));
            Assert.Equal(1, result.RowsRejected);
            Assert.Contains(",day2.csv,2,InvalidNumber (404),", File.ReadAllText(result.RejectPath!));
        }

        [Fact]
        public void AllRowsRejectedWritesNoDestinationButKeepsTheRejects()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n2024-05-25 12:00:00,C1,7,S,x,1\n");
            var e = Assert.Throws<ConversionException>(() => new OfflineDataConverter(new ConversionOptions()).Convert(src, dir.Combine("out.csv")));
            Assert.Equal(ConversionFailure.NoRowsConverted, e.Failure);
            Assert.False(File.Exists(dir.Combine("out.csv")));
            Assert.True(File.Exists(dir.Combine("out.rejects.csv")));
        }

        [Fact]
        public void UnclosedQuoteSwallowingTheFileIsBoundedAndReported()
        {
            using var dir = new TempDirectory();
            var body = "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n2024-05-25 12:00:00,C0,7,S,1,1\n2024-05-25 12:00:00,C1,7,\"never closed,1,1\n" + string.Concat(Enumerable.Repeat("2024-05-25 12:00:00,C1,7,S,1,1\n", 2000));
            var src = dir.WriteText("src.csv", body);

            // Issue 8: the quote ends at the next line that starts like a record, as in Test, Read and Import: one row
            // is lost, not the rest of the file (before, the swallowed rest was one rejected row, skipped unread).
            var result = new OfflineDataConverter(new ConversionOptions { MaxSourceRecordChars = 4096 }).Convert(src, dir.Combine("out.csv"));
            Assert.Equal(2001, result.RowsWritten);
            Assert.Equal(1, result.RowsRejected);
            Assert.Equal(1, result.RejectReasons[ConversionRejectReason.MalformedRow]);
            var reject = File.ReadAllText(result.RejectPath!);
            Assert.Contains(",3,MalformedRow (408),", reject);
            Assert.Contains("never closed", reject);
            Assert.Contains("ends at the end of line 3", reject);

            // Without a limit the outcome is the same: the limit changes memory, not the outcome.
            result = new OfflineDataConverter(new ConversionOptions { RejectPath = dir.Combine("r.csv"), Overwrite = true }).Convert(dir.WriteText("small.csv", "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n2024-05-25 12:00:00,C1,7,S,1,1\n2024-05-25 12:00:00,C1,7,\"open,1,1\n2024-05-25 12:00:00,C1,7,S,1,1\n"), dir.Combine("out.csv"));
            Assert.Equal(1, result.RejectReasons[ConversionRejectReason.MalformedRow]);
            Assert.Equal(2, result.RowsWritten);
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        public void AValueHoldingALineThatStartsLikeARowIsRejectedNotWrittenAsTwoRows(string lineEnd)
        {
            // Found by the fuzz test: written, the value's second line reads back in Test and Import as a new row.
            using var dir = new TempDirectory();
            var source = string.Join(lineEnd,
                "Timestamp;CustomerId;EventType;EventName;Num1;Num2;Var1",
                "2024-05-25 12:00:00;C1;7;S;1;1;\"note" + lineEnd + "2024-05-25 12:00:01;C2;7;S;1;1\"",
                "2024-05-25 12:00:02;C3;7;S;1;1;\"fine" + lineEnd + "2024-05-25 12:00:03 is only a time\"") + lineEnd;

            var (result, output) = Convert.Run(dir, "src.csv", source);

            // Read as Test reads it: the quote of line 2 ends where line 3 starts like a row (UnclosedQuote, line 2),
            // and line 3 ends in a stray quote (StrayQuote, line 3). Both rejected; the rows after them are converted.
            Assert.Equal(1, result.RowsWritten);
            Assert.Contains("fine", output);
            Assert.Equal(2, result.RejectReasons[ConversionRejectReason.MalformedRow]);
            var rejects = File.ReadAllText(result.RejectPath!).Replace(';', ',');
            Assert.Contains(",2,MalformedRow (408),", rejects);
            Assert.Contains(",3,MalformedRow (408),", rejects);
        }

        [Fact]
        public void ValuesOverTheFormatsFieldLimitAreRejected()
        {
            using var dir = new TempDirectory();
            var big = new string('x', ConversionOptions.DefaultMaxFieldBytes + 1);
            var (result, _) = Convert.Run(dir, "src.csv", $"Timestamp,CustomerId,EventType,EventName,Num1,Num2,Var1\n2024-05-25 12:00:00,C1,7,S,1,1,{big}\n2024-05-25 12:00:00,C1,7,S,1,1,ok\n");
            Assert.Equal(1, result.RejectReasons[ConversionRejectReason.ValueTooLong]);
        }
    }
}
