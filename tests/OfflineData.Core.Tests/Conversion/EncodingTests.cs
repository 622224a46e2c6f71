using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Core.Conversion;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    using Encoding = System.Text.Encoding;

    public sealed class EncodingTests
    {
        private const string Source = "Timestamp;CustomerId;EventType;EventName;Num1;Num2;Var1\n2024-05-25 12:00:00;C1;7;SKU1;2;10.5;Malmö Göteborg Ærø\n";

        [Fact]
        public void Windows1252SourceIsDecodedWithTheGivenEncoding()
        {
            using var dir = new TempDirectory();
            var (result, output) = Convert.Run(dir, "src.csv", Convert.Windows1252.GetBytes(Source), o => o.Encoding = SourceEncodings.Resolve("windows-1252"));
            Assert.Equal("windows-1252", result.Encoding);
            Assert.EndsWith(";Malmö Göteborg Ærø\n", output);
            // The output is UTF-8 without BOM.
            var bytes = File.ReadAllBytes(dir.Combine("out.csv"));
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.Contains("Malmö", new UTF8Encoding(false, true).GetString(bytes));
        }

        [Fact]
        public void Iso88591AndCodePageNumbersResolve()
        {
            using var dir = new TempDirectory();
            var latin1 = SourceEncodings.Resolve("iso-8859-1");
            Assert.Equal(28591, latin1.CodePage);
            Assert.Equal(1252, SourceEncodings.Resolve("1252").CodePage);
            var (_, output) = Convert.Run(dir, "src.csv", latin1.GetBytes(Source), o => o.Encoding = latin1);
            Assert.Contains("Malmö Göteborg Ærø", output);
        }

        [Fact]
        public void LegacyBytesWithoutEncodingAreRefusedUpFrontWithAHint()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteBytes("src.csv", Convert.Windows1252.GetBytes(Source));
            var e = Assert.Throws<ConversionException>(() => new OfflineDataConverter(new ConversionOptions()).Convert(src, dir.Combine("out.csv")));
            Assert.Equal(ConversionFailure.SourceNotUtf8, e.Failure);
            Assert.Equal(2, e.Line);
            Assert.Contains("-Encoding windows-1252", e.Message);
            Assert.False(File.Exists(dir.Combine("out.csv")));
        }

        [Theory]
        [InlineData("utf-8-bom")]
        [InlineData("utf-16le")]
        [InlineData("utf-16be")]
        public void ByteOrderMarksAreHonoured(string kind)
        {
            Encoding enc = kind switch
            {
                "utf-8-bom" => new UTF8Encoding(true),
                "utf-16le" => new UnicodeEncoding(false, true),
                _ => new UnicodeEncoding(true, true),
            };
            var bytes = enc.GetPreamble().Concat(enc.GetBytes(Source)).ToArray();
            using var dir = new TempDirectory();
            // A wrong -Encoding does not matter: the BOM wins.
            var (result, output) = Convert.Run(dir, "src.csv", bytes, o => o.Encoding = Convert.Windows1252);
            Assert.EndsWith("(BOM)", result.Encoding);
            Assert.EndsWith(";Malmö Göteborg Ærø\n", output);
            Assert.StartsWith("Time Stamp;", output); // no BOM and no stray U+FEFF in the output
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Utf16WithoutBomIsRecognisedByItsZeroBytes(bool bigEndian)
        {
            using var dir = new TempDirectory();
            var (result, output) = Convert.Run(dir, "src.csv", new UnicodeEncoding(bigEndian, false).GetBytes(Source));
            Assert.Equal(bigEndian ? "utf-16BE" : "utf-16", result.Encoding);
            Assert.False(output.IndexOf('\0') >= 0, "NUL characters in the output");
            Assert.EndsWith(";Malmö Göteborg Ærø\n", output);
        }

        [Fact]
        public void UndecodableBytesLaterInTheFileRejectTheRowOnly()
        {
            using var dir = new TempDirectory();
            var head = new StringBuilder("Timestamp;CustomerId;EventType;EventName;Num1;Num2\n");
            for (int i = 0; i < 3000; i++) head.Append("2024-05-25 12:00:00;C").Append(i).Append(";7;SKUxxxxxxxxxxxxxxxx;2;10.5\n");
            var bytes = Encoding.UTF8.GetBytes(head.ToString()).Concat(Convert.Windows1252.GetBytes("2024-05-25 12:00:00;Cö;7;SKU;2;10.5\n")).ToArray();
            Assert.True(bytes.Length > SourceText.SniffBytes);
            var (result, _) = Convert.Run(dir, "src.csv", bytes);
            Assert.Equal(1, result.RowsRejected);
            Assert.Equal(1, result.RejectReasons[ConversionRejectReason.UndecodableText]);
            Assert.Contains(",3002,UndecodableText (410)", File.ReadAllText(result.RejectPath!).Replace(';', ','));
        }

        [Fact]
        public void UnknownEncodingNameIsAClearArgumentError()
        {
            var e = Assert.Throws<System.ArgumentException>(() => SourceEncodings.Resolve("klingon-8"));
            Assert.Contains("windows-1252", e.Message);
        }

        [Fact]
        public void Utf8CheckFindsTheFirstBadByte()
        {
            Assert.Equal(-1, SourceEncodings.FindInvalidUtf8(Encoding.UTF8.GetBytes("Malmö €")));
            Assert.Equal(4, SourceEncodings.FindInvalidUtf8(new byte[] { 0x61, 0x62, 0x63, 0x64, 0xF6, 0x72 }));
            Assert.Equal(-1, SourceEncodings.FindInvalidUtf8(new byte[] { 0x61, 0xE2, 0x82 })); // cut off at the end of the sample
            Assert.Equal(1, SourceEncodings.FindInvalidUtf8(new byte[] { 0x61, 0xC0, 0x80 })); // overlong
        }
    }
}
