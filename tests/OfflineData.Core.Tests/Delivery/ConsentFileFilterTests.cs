using System;
using System.IO;
using System.Linq;
using System.Text;
using ICSharpCode.SharpZipLib.Zip;
using OfflineData.Core.Consent;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>Consent filtering of a file before it leaves (issue 12), each rule on its own, with ConsentSuppression.Of.</summary>
    public sealed class ConsentFileFilterTests : IDisposable
    {
        private static readonly System.Text.Encoding Utf8 = new UTF8Encoding(false);
        private readonly string dir = Path.Combine(Path.GetTempPath(), "od-consent-" + Guid.NewGuid().ToString("N"));

        public ConsentFileFilterTests() => Directory.CreateDirectory(dir);

        public void Dispose() => Directory.Delete(dir, true);

        private string Write(string name, string text) => WriteBytes(name, Utf8.GetBytes(text));

        private string WriteBytes(string name, byte[] bytes)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private string Out(string name) => Path.Combine(dir, name);

        private static readonly ConsentSuppression OptedOut = ConsentSuppression.Of(new[] { "C2" });

        private const string WithHeader =
            "Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2\r\n" +
            "2024-01-01 10:00:00;C1;7;;P1;1;10\r\n" +
            "2024-01-01 11:00:00;C2;7;;P2;2;20\r\n" +
            "2024-01-01 12:00:00;C3;7;;\"P3;with\r\nbreak\";3;30\r\n" +
            "2024-01-01 13:00:00;\"C2\";7;;P4;4;40\r\n";

        [Fact]
        public void An_offline_data_file_loses_only_the_opted_out_customers_rows_and_keeps_every_other_byte()
        {
            var source = Write("a.csv", WithHeader);

            var scan = ConsentFileFilter.Filter(source, OptedOut, Out("a.filtered.csv"));

            Assert.Equal((ConsentFileFormat.OfflineData, 4L, 2L), (scan.Format, scan.Rows, scan.SuppressedRows));
            Assert.Equal(
                "Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2\r\n" +
                "2024-01-01 10:00:00;C1;7;;P1;1;10\r\n" +
                "2024-01-01 12:00:00;C3;7;;\"P3;with\r\nbreak\";3;30\r\n",
                File.ReadAllText(Out("a.filtered.csv"), Utf8));
        }

        [Fact]
        public void A_file_without_header_and_with_a_bom_and_no_final_line_end_is_filtered_alike()
        {
            var bom = new byte[] { 0xEF, 0xBB, 0xBF };
            var source = WriteBytes("b.csv", bom.Concat(Utf8.GetBytes("2024-01-01 11:00:00;C2;7;;P2;2;20\n2024-01-01 10:00:00;C1;7;;P1;1;10")).ToArray());

            var scan = ConsentFileFilter.Filter(source, OptedOut, Out("b.filtered.csv"));

            Assert.Equal((2L, 1L), (scan.Rows, scan.SuppressedRows));
            Assert.Equal(Utf8.GetBytes("2024-01-01 10:00:00;C1;7;;P1;1;10"), File.ReadAllBytes(Out("b.filtered.csv"))); // the first row held the BOM
        }

        [Fact]
        public void Scan_counts_without_writing_anything()
        {
            var source = Write("a.csv", WithHeader);

            var scan = ConsentFileFilter.Scan(source, OptedOut);

            Assert.Equal((4L, 2L), (scan.Rows, scan.SuppressedRows));
            Assert.Single(Directory.GetFiles(dir));
        }

        [Fact]
        public void An_adobe_data_sources_file_is_filtered_by_its_VisitorID_column_keeping_comments_and_header()
        {
            var source = Write("ds.txt", "# exported\nDate\tVisitorID\tEvent 1\n01/01/2024/10/00/00\tC1\t1\n01/01/2024/11/00/00\tC2\t1\n");

            var scan = ConsentFileFilter.Filter(source, OptedOut, Out("ds.filtered.txt"));

            Assert.Equal((ConsentFileFormat.AdobeDataSources, 2L, 1L), (scan.Format, scan.Rows, scan.SuppressedRows));
            Assert.Equal("# exported\nDate\tVisitorID\tEvent 1\n01/01/2024/10/00/00\tC1\t1\n", File.ReadAllText(Out("ds.filtered.txt"), Utf8));
        }

        [Fact]
        public void An_adobe_file_with_a_customerID_column_is_recognised_too()
        {
            var source = Write("ds.txt", "Date\tEvar 1\tcustomerID\tEvent 1\n01/01/2024\tx\tC2\t1\n");

            var scan = ConsentFileFilter.Scan(source, OptedOut);

            Assert.Equal((ConsentFileFormat.AdobeDataSources, 1L, 1L), (scan.Format, scan.Rows, scan.SuppressedRows));
        }

        [Fact]
        public void An_adobe_file_without_a_customer_column_cannot_be_checked()
        {
            var source = Write("tx.txt", "Date\tEvar 1\tEvent 1\ttransactionID\n01/01/2024\tx\t1\tT1\n");

            var scan = ConsentFileFilter.Filter(source, OptedOut, Out("tx.filtered.txt"));

            Assert.Equal(ConsentFileFormat.Unknown, scan.Format);
            Assert.False(scan.IsVerifiable);
            Assert.Contains("VisitorID", scan.Reason);
            Assert.False(File.Exists(Out("tx.filtered.txt"))); // no partial copy left behind
        }

        [Fact]
        public void An_unknown_format_cannot_be_checked()
        {
            var source = Write("notes.json", "{\"customers\": [\"C2\"]}\n");

            var scan = ConsentFileFilter.Scan(source, OptedOut);

            Assert.Equal(ConsentFileFormat.Unknown, scan.Format);
            Assert.Contains("neither an offline data file", scan.Reason);
        }

        [Fact]
        public void An_empty_file_has_nothing_to_suppress()
        {
            var scan = ConsentFileFilter.Scan(Write("empty.csv", ""), OptedOut);

            Assert.Equal((ConsentFileFormat.Empty, 0L, 0L), (scan.Format, scan.Rows, scan.SuppressedRows));
            Assert.True(scan.IsVerifiable);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Zip_filtered_stays_a_valid_zip_with_the_same_entries_names_times_and_compression(bool stored)
        {
            var when = new DateTime(2024, 2, 3, 4, 5, 6);
            var source = Path.Combine(dir, "in.zip");
            using (var zip = new ZipOutputStream(File.Create(source)))
            {
                foreach (var (name, text) in new[] { ("one.csv", WithHeader), ("two.csv", "2024-01-02 10:00:00;C2;7;;P9;1;1\n2024-01-02 10:00:00;C9;7;;P9;1;1\n") })
                {
                    var bytes = Utf8.GetBytes(text);
                    var entry = new ZipEntry(name) { DateTime = when, CompressionMethod = stored ? CompressionMethod.Stored : CompressionMethod.Deflated };
                    if (stored)
                    {
                        entry.Size = bytes.Length;
                        var crc = new ICSharpCode.SharpZipLib.Checksum.Crc32();
                        crc.Update(bytes);
                        entry.Crc = crc.Value;
                    }

                    zip.PutNextEntry(entry);
                    zip.Write(bytes, 0, bytes.Length);
                    zip.CloseEntry();
                }
            }

            var scan = ConsentFileFilter.Filter(source, OptedOut, Out("out.zip"));

            Assert.Equal((ConsentFileFormat.Zip, 6L, 3L), (scan.Format, scan.Rows, scan.SuppressedRows));
            using var result = new ZipFile(Out("out.zip"));
            Assert.True(result.TestArchive(true));
            var entries = result.Cast<ZipEntry>().ToList();
            Assert.Equal(new[] { "one.csv", "two.csv" }, entries.Select(e => e.Name));
            Assert.All(entries, e => Assert.Equal(when, e.DateTime));
            Assert.All(entries, e => Assert.Equal(stored ? CompressionMethod.Stored : CompressionMethod.Deflated, e.CompressionMethod));
            using var reader = new StreamReader(result.GetInputStream(entries[1]), Utf8);
            Assert.Equal("2024-01-02 10:00:00;C9;7;;P9;1;1\n", reader.ReadToEnd());
        }

        [Fact]
        public void A_zip_with_an_entry_of_unknown_format_cannot_be_checked()
        {
            var source = Path.Combine(dir, "mixed.zip");
            using (var zip = new ZipOutputStream(File.Create(source)))
            {
                zip.PutNextEntry(new ZipEntry("rows.csv"));
                var rows = Utf8.GetBytes(WithHeader);
                zip.Write(rows, 0, rows.Length);
                zip.PutNextEntry(new ZipEntry("readme.md"));
                var text = Utf8.GetBytes("# notes\n");
                zip.Write(text, 0, text.Length);
            }

            var scan = ConsentFileFilter.Scan(source, OptedOut);

            Assert.Equal(ConsentFileFormat.Unknown, scan.Format);
            Assert.Contains("readme.md", scan.Reason);
        }
    }
}
