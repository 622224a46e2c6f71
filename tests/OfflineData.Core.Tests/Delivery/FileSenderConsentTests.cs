using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using ICSharpCode.SharpZipLib.Zip;
using OfflineData.Core.Consent;
using OfflineData.Core.Delivery;
using OfflineData.Core.Store;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>Consent suppression in a delivery (issue 12), with an in-memory folder and ledger and ConsentSuppression.Of.</summary>
    public sealed class FileSenderConsentTests : IDisposable
    {
        private const string Rows =
            "Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2\n" +
            "2024-01-01 10:00:00;C1;7;;P1;1;10\n" +
            "2024-01-01 11:00:00;C2;7;;P2;2;20\n" +
            "2024-01-01 12:00:00;C3;7;;P3;3;30\n";

        private static readonly System.Text.Encoding Utf8 = new UTF8Encoding(false);
        private readonly string dir = Path.Combine(Path.GetTempPath(), "od-sender-consent-" + Guid.NewGuid().ToString("N"));
        private readonly MemoryRemoteFolder remote = new MemoryRemoteFolder();
        private readonly MemoryDeliveryLedger ledger = new MemoryDeliveryLedger();
        private readonly Reporter reporter = new Reporter();

        public FileSenderConsentTests() => Directory.CreateDirectory(dir);

        public void Dispose() => Directory.Delete(dir, true);

        private string File(string name, string content)
        {
            var path = Path.Combine(dir, name);
            System.IO.File.WriteAllText(path, content, Utf8);
            return path;
        }

        private List<DeliveryResult> Run(ConsentSuppression suppression, Action<FileSenderOptions>? configure, params string[] paths)
        {
            var options = new FileSenderOptions(remote.Destination, new DeliveryConnectOptions { Credential = new NetworkCredential("up", "pw") })
            {
                RetryDelay = TimeSpan.FromMilliseconds(1),
                PollInterval = TimeSpan.FromMilliseconds(5),
                Suppression = suppression,
            };
            configure?.Invoke(options);
            var sender = new FileSender(ledger, options, d => remote);
            return sender.Send(sender.Plan(paths), reporter, CancellationToken.None).ToList();
        }

        private static string[] TempCopies() => Directory.GetFiles(Path.GetTempPath(), "offlinedata-consent-*");

        [Fact]
        public void Suppressed_rows_are_left_out_of_what_arrives_and_counted_in_the_result_and_the_ledger()
        {
            var a = File("a.csv", Rows);
            var (sha, _) = FileSender.Hash(a, CancellationToken.None);
            var before = TempCopies();

            var result = Run(ConsentSuppression.Of(new[] { "C2" }), null, a).Single();

            Assert.Equal("Sent", result.Status);
            Assert.Equal(1, result.SuppressedRows);
            var arrived = Utf8.GetString(remote.Files["a.csv"]);
            Assert.DoesNotContain("C2", arrived);
            Assert.Equal(Rows.Replace("2024-01-01 11:00:00;C2;7;;P2;2;20\n", string.Empty), arrived);
            var entry = ledger.Entries.Single();
            Assert.Equal(1, entry.SuppressedRows);
            Assert.Equal(sha, entry.Sha256); // the exactly-once key stays the source's content
            Assert.Equal(remote.Files["a.csv"].Length, entry.Size); // the bytes that went
            Assert.Equal(before, TempCopies()); // the filtered copy is deleted after sending
        }

        [Fact]
        public void Original_bytes_unchanged_when_nothing_suppressed()
        {
            var bytes = Utf8.GetBytes(Rows.Replace("\n", "\r\n"));
            var a = Path.Combine(dir, "a.csv");
            System.IO.File.WriteAllBytes(a, bytes);

            var noOptOuts = Run(ConsentSuppression.None, null, a).Single();
            var otherCustomer = Run(ConsentSuppression.Of(new[] { "NOT-HERE" }), o => o.Force = true, a).Single();

            Assert.Equal(bytes, remote.Files["a.csv"]);
            Assert.Equal((0L, 0L), (noOptOuts.SuppressedRows, otherCustomer.SuppressedRows));
            Assert.Equal("Sent", otherCustomer.Status);
        }

        [Fact]
        public void Unknown_format_refused_while_the_store_has_opt_outs_and_nothing_is_sent_or_recorded()
        {
            var json = File("customers.json", "{\"id\": \"C2\"}\n");

            var result = Run(ConsentSuppression.Of(new[] { "C2" }), null, json).Single();

            Assert.Equal("Failed", result.Status);
            Assert.Equal(DeliveryFailureKind.ConsentUnverifiable, ((DeliveryException)result.Error!).Kind);
            Assert.Contains("cannot be checked", result.Message);
            Assert.Contains("-SkipConsentCheck", result.Message);
            Assert.DoesNotContain("C2", result.Message); // no customer ID in a message
            Assert.Empty(remote.Files);
            Assert.Empty(ledger.Entries);
        }

        [Fact]
        public void Unknown_format_goes_unchanged_when_no_customer_opted_out()
        {
            var json = File("customers.json", "{\"id\": \"C2\"}\n");

            var result = Run(ConsentSuppression.None, null, json).Single();

            Assert.Equal("Sent", result.Status);
            Assert.Equal("{\"id\": \"C2\"}\n", Utf8.GetString(remote.Files["customers.json"]));
        }

        [Fact]
        public void Compress_zips_the_filtered_copy_and_the_zip_holds_no_suppressed_row()
        {
            var a = File("a.csv", Rows);

            var result = Run(ConsentSuppression.Of(new[] { "C1", "C3" }), o => o.Compress = true, a).Single();

            Assert.Equal(2, result.SuppressedRows);
            using var zip = new ZipFile(new MemoryStream(remote.Files["a.zip"]));
            using var reader = new StreamReader(zip.GetInputStream(zip.GetEntry("a.csv")), Utf8);
            Assert.Equal("Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2\n2024-01-01 11:00:00;C2;7;;P2;2;20\n", reader.ReadToEnd());
        }

        [Fact]
        public void A_skipped_file_shows_the_earlier_deliverys_suppressed_rows_and_is_not_sent_again_when_the_opt_outs_change()
        {
            var a = File("a.csv", Rows);
            Run(ConsentSuppression.Of(new[] { "C2" }), null, a);
            remote.Files.Clear();

            // C3 opts out after the delivery: the same source content is not sent again (the key is the source's hash).
            var again = Run(ConsentSuppression.Of(new[] { "C2", "C3" }), null, a).Single();

            Assert.Equal("Skipped", again.Status);
            Assert.Equal(1, again.SuppressedRows);
            Assert.Empty(remote.Files);
        }

        [Fact]
        public void A_zip_file_is_sent_as_a_filtered_zip()
        {
            var path = Path.Combine(dir, "rows.zip");
            using (var zip = new ZipOutputStream(System.IO.File.Create(path)))
            {
                zip.PutNextEntry(new ZipEntry("rows.csv"));
                var bytes = Utf8.GetBytes(Rows);
                zip.Write(bytes, 0, bytes.Length);
            }

            var result = Run(ConsentSuppression.Of(new[] { "C2" }), null, path).Single();

            Assert.Equal((1L, "Sent"), (result.SuppressedRows, result.Status));
            using var arrived = new ZipFile(new MemoryStream(remote.Files["rows.zip"]));
            Assert.True(arrived.TestArchive(true));
            using var reader = new StreamReader(arrived.GetInputStream(arrived.GetEntry("rows.csv")), Utf8);
            Assert.DoesNotContain(";C2;", reader.ReadToEnd());
        }

        private sealed class Reporter : IDeliveryReporter
        {
            public List<string> Verbose { get; } = new List<string>();

            public void Progress(string sourcePath, string remoteName, long fileDone, long fileTotal, long runDone, long runTotal)
            {
            }

            public void Waiting(string message, TimeSpan waited, TimeSpan maxWait)
            {
            }

            public void Warning(string message)
            {
            }

            void IDeliveryReporter.Verbose(string message) => Verbose.Add(message);
        }
    }
}
