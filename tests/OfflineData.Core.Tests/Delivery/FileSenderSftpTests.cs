using System;
using System.IO;
using System.Linq;
using System.Threading;
using OfflineData.Core.Delivery;
using OfflineData.Core.Store;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>The delivery engine's take-up of a killed run against the real OpenSSH server: recovered when the file arrived, sent again over its .part when not.</summary>
    public sealed class FileSenderSftpTests : IDisposable
    {
        private readonly string dir = Path.Combine(Path.GetTempPath(), "od-sender-sftp-" + Guid.NewGuid().ToString("N"));

        public FileSenderSftpTests() => Directory.CreateDirectory(dir);

        public void Dispose() => Directory.Delete(dir, true);

        private static FileSender Sender(MemoryDeliveryLedger ledger, DeliveryDestination destination) =>
            new FileSender(ledger, new FileSenderOptions(destination, SftpTestServer.PasswordLogin()));

        private (string Path, string Sha, DeliveryLedgerEntry Entry) Killed(MemoryDeliveryLedger ledger, FileSender sender, string remoteName)
        {
            var path = System.IO.Path.Combine(dir, "day.csv");
            File.WriteAllText(path, new string('x', 100_000));
            var (sha, size) = FileSender.Hash(path, CancellationToken.None);
            var entry = ledger.RecordDeliveryStart(new DeliveryLedgerEntry { Destination = sender.DestinationName, Sha256 = sha, RemoteName = remoteName, Size = size, SourcePath = path, FileName = "day.csv", StartedAt = DateTimeOffset.UtcNow });
            return (path, sha, entry);
        }

        [SftpFact]
        public void A_killed_run_whose_file_was_renamed_is_recovered_from_the_server_without_sending()
        {
            var destination = SftpTestServer.FreshDestination(out var local);
            var ledger = new MemoryDeliveryLedger();
            var sender = Sender(ledger, destination);
            var (path, _, entry) = Killed(ledger, sender, "day_0001.csv");
            File.Copy(path, System.IO.Path.Combine(local, "day_0001.csv"));
            var before = File.GetLastWriteTimeUtc(System.IO.Path.Combine(local, "day_0001.csv"));

            var result = sender.Send(sender.Plan(new[] { path }), new NullReporter(), CancellationToken.None).Single();

            Assert.Equal("Recovered", result.Status);
            Assert.Equal(entry.Id, result.LedgerId);
            Assert.Equal(DeliveryStatus.Sent, ledger.Entries.Single().StatusValue);
            Assert.Equal(before, File.GetLastWriteTimeUtc(System.IO.Path.Combine(local, "day_0001.csv")));
        }

        [SftpFact]
        public void A_killed_run_that_left_a_part_file_is_sent_again_over_it_under_the_recorded_name()
        {
            var destination = SftpTestServer.FreshDestination(out var local);
            var ledger = new MemoryDeliveryLedger();
            var sender = Sender(ledger, destination);
            var (path, _, _) = Killed(ledger, sender, "day_0001.csv");
            var part = System.IO.Path.Combine(local, "day_0001.csv.part");
            File.WriteAllText(part, "half");
            // left by the SFTP user's killed upload, so owned by that user (the test runs as root)
            System.Diagnostics.Process.Start("chown", SftpTestServer.User + " \"" + part + "\"")!.WaitForExit();

            var result = sender.Send(sender.Plan(new[] { path }), new NullReporter(), CancellationToken.None).Single();

            Assert.Equal("Sent", result.Status);
            Assert.Equal(new[] { "day_0001.csv" }, Directory.GetFiles(local).Select(System.IO.Path.GetFileName));
            Assert.Equal(100_000, new FileInfo(System.IO.Path.Combine(local, "day_0001.csv")).Length);
            // compared as names: Mono's xunit compares an enum array with a sequence of enums as integers
            Assert.Equal(new[] { "Failed", "Sent" }, ledger.Entries.Select(e => e.StatusValue.ToString()));
        }

        private sealed class NullReporter : IDeliveryReporter
        {
            public void Progress(string sourcePath, string remoteName, long fileDone, long fileTotal, long runDone, long runTotal)
            {
            }

            public void Waiting(string message, TimeSpan waited, TimeSpan maxWait)
            {
            }

            public void Warning(string message)
            {
            }

            public void Verbose(string message)
            {
            }
        }
    }
}
