using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using ICSharpCode.SharpZipLib.Zip;
using OfflineData.Core.Delivery;
using OfflineData.Core.Store;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>The delivery engine's logic (ledger, naming, order, retries, marker, wait) with an in-memory folder and ledger.</summary>
    public sealed class FileSenderTests : IDisposable
    {
        private readonly string dir = Path.Combine(Path.GetTempPath(), "od-sender-" + Guid.NewGuid().ToString("N"));
        private readonly MemoryRemoteFolder remote = new MemoryRemoteFolder();
        private readonly MemoryDeliveryLedger ledger = new MemoryDeliveryLedger();
        private readonly RecordingReporter reporter = new RecordingReporter();
        private int connects;

        public FileSenderTests() => Directory.CreateDirectory(dir);

        public void Dispose() => Directory.Delete(dir, true);

        private string File(string name, string content)
        {
            var path = Path.Combine(dir, name);
            System.IO.File.WriteAllText(path, content);
            return path;
        }

        private FileSender Sender(Action<FileSenderOptions>? configure = null)
        {
            var options = new FileSenderOptions(remote.Destination, new DeliveryConnectOptions { Credential = new NetworkCredential("up", "secret-pw") })
            {
                RetryDelay = TimeSpan.FromMilliseconds(1),
                PollInterval = TimeSpan.FromMilliseconds(5),
            };
            configure?.Invoke(options);
            return new FileSender(ledger, options, d =>
            {
                connects++;
                remote.Log.Add("connect " + d.Directory);
                return remote;
            });
        }

        private List<DeliveryResult> Run(FileSender sender, params string[] paths) =>
            sender.Send(sender.Plan(paths), reporter, CancellationToken.None).ToList();

        [Fact]
        public void Files_go_under_a_temporary_name_then_renamed_on_one_connection_and_the_ledger_says_sent()
        {
            var a = File("a.csv", "alpha");
            var b = File("b.csv", "bravo!");

            var results = Run(Sender(), a, b);

            Assert.Equal(new[] { "Sent", "Sent" }, results.Select(r => r.Status));
            Assert.Equal(1, connects);
            Assert.Equal(
                new[] { "connect /in", "exists a.csv", "upload a.csv.part", "size a.csv.part", "rename a.csv.part a.csv", "exists b.csv", "upload b.csv.part", "size b.csv.part", "rename b.csv.part b.csv", "dispose" },
                remote.Log);
            Assert.Equal("bravo!", System.Text.Encoding.UTF8.GetString(remote.Files["b.csv"]));
            var entry = ledger.Entries[0];
            Assert.Equal(DeliveryStatus.Sent, entry.StatusValue);
            Assert.Equal("sftp://up@memory/in", entry.Destination);
            Assert.Equal("8ed3f6ad685b959ead7022518e1af76cd816f8e8ec7ccdda1ed4018e8f2223f8", entry.Sha256); // sha256("alpha")
            Assert.Equal(5, entry.Size);
            Assert.Equal(1, entry.Attempts);
            Assert.Equal(entry.Id, results[0].LedgerId);
            Assert.Equal(1, results[0].Attempts);
            Assert.Equal(5, results[0].Bytes);
            Assert.DoesNotContain(ledger.Entries, e => (e.Destination + e.Message + e.SourcePath).Contains("secret-pw"));
        }

        [Fact]
        public void The_same_content_again_is_skipped_with_a_warning_and_force_replaces_it_with_a_new_entry()
        {
            var a = File("a.csv", "alpha");
            Run(Sender(), a);
            remote.Log.Clear();

            var again = Run(Sender(), a).Single();

            Assert.Equal("Skipped", again.Status);
            Assert.Equal(1, again.LedgerId);
            Assert.Equal(0, again.Attempts);
            Assert.Contains(reporter.Warnings, w => w.Contains("not sent again") && w.Contains("a.csv"));
            Assert.DoesNotContain(remote.Log, l => l.StartsWith("upload", StringComparison.Ordinal));

            var forced = Run(Sender(o => o.Force = true), a).Single();

            Assert.Equal("Sent", forced.Status);
            Assert.Contains("rename! a.csv.part a.csv", remote.Log);
            Assert.Equal(2, ledger.Entries.Count);
            Assert.Equal(2, forced.LedgerId);
        }

        [Fact]
        public void Without_force_an_existing_remote_file_is_not_replaced_and_the_file_fails_without_retries()
        {
            var a = File("a.csv", "alpha");
            remote.Files["a.csv"] = new byte[] { 1 };

            var result = Run(Sender(), a).Single();

            Assert.Equal("Failed", result.Status);
            Assert.Equal(DeliveryFailureKind.RemoteExists, ((DeliveryException)result.Error!).Kind);
            Assert.Equal(1, result.Attempts);
            Assert.Single(remote.Files["a.csv"]);
            Assert.Equal(DeliveryStatus.Failed, ledger.Entries.Single().StatusValue);
        }

        [Fact]
        public void A_killed_run_whose_file_arrived_is_recovered_without_sending_again()
        {
            var a = File("a.csv", "alpha");
            var (sha, _) = FileSender.Hash(a, CancellationToken.None);
            ledger.RecordDeliveryStart(new DeliveryLedgerEntry { Destination = "sftp://up@memory/in", Sha256 = sha, RemoteName = "a-0001.csv", Size = 5, SourcePath = a, FileName = "a.csv" });
            remote.Files["a-0001.csv"] = System.Text.Encoding.UTF8.GetBytes("alpha");

            var result = Run(Sender(o => o.NamePattern = "{BaseName}-{Sequence}-{Timestamp}{Extension}"), a).Single();

            Assert.Equal("Recovered", result.Status);
            Assert.Equal("a-0001.csv", result.RemoteName);
            Assert.DoesNotContain(remote.Log, l => l.StartsWith("upload", StringComparison.Ordinal));
            Assert.Equal(DeliveryStatus.Sent, ledger.Entries.Single().StatusValue);
            Assert.Equal(1, result.LedgerId);
        }

        [Fact]
        public void A_killed_run_that_left_only_a_temporary_file_is_sent_again_under_its_recorded_name()
        {
            var a = File("a.csv", "alpha");
            var (sha, _) = FileSender.Hash(a, CancellationToken.None);
            ledger.RecordDeliveryStart(new DeliveryLedgerEntry { Destination = "sftp://up@memory/in", Sha256 = sha, RemoteName = "old-name.csv", Size = 5, SourcePath = a, FileName = "a.csv" });
            remote.Files["old-name.csv.part"] = new byte[] { 1, 2 };

            var result = Run(Sender(o => o.NamePattern = "{Timestamp}-{Name}"), a).Single();

            Assert.Equal("Sent", result.Status);
            Assert.Equal("old-name.csv", result.RemoteName);
            Assert.Equal(new[] { "old-name.csv" }, remote.Files.Keys);
            Assert.Equal("alpha", System.Text.Encoding.UTF8.GetString(remote.Files["old-name.csv"]));
            // compared as names: Mono's xunit compares an enum array with a sequence of enums as integers
            Assert.Equal(new[] { "Failed", "Sent" }, ledger.Entries.Select(e => e.StatusValue.ToString()));
            Assert.Contains("Interrupted", ledger.Entries[0].Message);
        }

        [Fact]
        public void A_forced_send_ends_a_killed_runs_entry_instead_of_leaving_it_started()
        {
            var a = File("a.csv", "alpha");
            var (sha, _) = FileSender.Hash(a, CancellationToken.None);
            ledger.RecordDeliveryStart(new DeliveryLedgerEntry { Destination = "sftp://up@memory/in", Sha256 = sha, RemoteName = "a.csv", Size = 5, SourcePath = a, FileName = "a.csv" });

            var result = Run(Sender(o => o.Force = true), a).Single();

            Assert.Equal("Sent", result.Status);
            // compared as names: Mono's xunit compares an enum array with a sequence of enums as integers
            Assert.Equal(new[] { "Failed", "Sent" }, ledger.Entries.Select(e => e.StatusValue.ToString()));
            Assert.Contains("superseded", ledger.Entries[0].Message);
        }

        [Fact]
        public void A_live_runs_started_entry_is_not_sent_again_the_file_waits_for_that_run_and_is_then_skipped()
        {
            var a = File("a.csv", "alpha");
            var (sha, _) = FileSender.Hash(a, CancellationToken.None);
            const string Destination = "sftp://up@memory/in";
            var other = ledger.RecordDeliveryStart(new DeliveryLedgerEntry { Destination = Destination, Sha256 = sha, RemoteName = "a.csv", Size = 5, SourcePath = a, FileName = "a.csv" });
            var otherClaim = ledger.HoldElsewhere(Destination, sha);
            ledger.BeforeClaim = asked =>
            {
                if (asked != 4) return; // the other run ends while this one waits (claims 2 and 3 are refused)
                remote.Files["a.csv"] = System.Text.Encoding.UTF8.GetBytes("alpha");
                ledger.RecordDeliveryEnd(new DeliveryLedgerEntry { Id = other.Id, RemoteName = "a.csv", Size = 5, Attempts = 1, StatusValue = DeliveryStatus.Sent });
                otherClaim.Dispose();
            };

            var result = Run(Sender(), a).Single();

            Assert.Equal("Skipped", result.Status);
            Assert.Equal(other.Id, result.LedgerId);
            Assert.Equal(2, reporter.Waits.Count);
            Assert.All(reporter.Waits, w => Assert.Contains("another run is sending the same content to sftp://up@memory/in", w));
            Assert.DoesNotContain(remote.Log, l => l.StartsWith("upload", StringComparison.Ordinal));
            Assert.Equal(new[] { "Sent" }, ledger.Entries.Select(e => e.StatusValue.ToString()));
            Assert.Empty(ledger.Held);
        }

        [Fact]
        public void A_run_still_sending_after_the_wait_fails_the_file_as_in_progress_and_nothing_is_sent_or_recorded()
        {
            var a = File("a.csv", "alpha");
            var b = File("b.csv", "bravo");
            var (sha, _) = FileSender.Hash(a, CancellationToken.None);
            ledger.RecordDeliveryStart(new DeliveryLedgerEntry { Destination = "sftp://up@memory/in", Sha256 = sha, RemoteName = "a.csv", Size = 5, SourcePath = a, FileName = "a.csv" });
            using var otherClaim = ledger.HoldElsewhere("sftp://up@memory/in", sha);

            var results = Run(Sender(o => o.MaxWait = TimeSpan.FromMilliseconds(40)), a, b);

            Assert.Equal(new[] { "Failed", "Sent" }, results.Select(r => r.Status));
            var error = Assert.IsType<DeliveryException>(results[0].Error);
            Assert.Equal(DeliveryFailureKind.InProgress, error.Kind);
            Assert.Contains(a, error.Message);
            Assert.Contains("sftp://up@memory/in", error.Message);
            Assert.Contains("another run is sending the same content", error.Message);
            Assert.Equal(0, results[0].Attempts);
            Assert.NotEmpty(reporter.Waits);
            Assert.DoesNotContain("upload a.csv.part", remote.Log);
            // the other run's entry is left to it; the file that waited wrote none
            Assert.Equal(new[] { "Started", "Sent" }, ledger.Entries.Select(e => e.StatusValue.ToString()));
        }

        [Fact]
        public void Force_does_not_override_a_live_runs_claim()
        {
            var a = File("a.csv", "alpha");
            var (sha, _) = FileSender.Hash(a, CancellationToken.None);
            ledger.RecordDeliveryStart(new DeliveryLedgerEntry { Destination = "sftp://up@memory/in", Sha256 = sha, RemoteName = "a.csv", Size = 5, SourcePath = a, FileName = "a.csv" });
            using var otherClaim = ledger.HoldElsewhere("sftp://up@memory/in", sha);

            var result = Run(Sender(o => { o.Force = true; o.MaxWait = TimeSpan.Zero; }), a).Single();

            Assert.Equal("Failed", result.Status);
            Assert.Equal(DeliveryFailureKind.InProgress, ((DeliveryException)result.Error!).Kind);
            Assert.Empty(reporter.Waits);
            Assert.Equal(0, connects);
            Assert.Equal(DeliveryStatus.Started, ledger.Entries.Single().StatusValue); // not superseded: that run is alive
        }

        [Fact]
        public void The_claim_is_held_from_the_ledger_lookup_to_the_recorded_end_and_released_after_each_file()
        {
            var a = File("a.csv", "alpha");
            var b = File("b.csv", "bravo");
            var heldDuringUpload = new List<int>();
            remote.Fail = line =>
            {
                if (line.StartsWith("upload", StringComparison.Ordinal) || line.StartsWith("rename", StringComparison.Ordinal)) heldDuringUpload.Add(ledger.Held.Count);
                return null;
            };

            var results = Run(Sender(), a, b);

            Assert.Equal(new[] { "Sent", "Sent" }, results.Select(r => r.Status));
            Assert.Equal(new[] { 1, 1, 1, 1 }, heldDuringUpload);
            Assert.Equal(2, ledger.ClaimsAsked.Count);
            Assert.Empty(ledger.Held);
        }

        [Fact]
        public void The_fin_marker_follows_its_complete_data_file_and_files_go_in_name_order_with_lowercase_extensions()
        {
            var b = File("b_0002.TXT", "second");
            var a = File("a_0001.TXT", "first");

            var results = Run(Sender(o => o.Marker = DeliveryMarker.Fin), b, a);

            Assert.Equal(new[] { "a_0001.txt", "b_0002.txt" }, results.Select(r => r.RemoteName));
            Assert.Equal(new[] { "a_0001.fin", "b_0002.fin" }, results.Select(r => r.MarkerName));
            var steps = remote.Log.Where(l => l.StartsWith("upload", StringComparison.Ordinal) || l.StartsWith("rename", StringComparison.Ordinal)).ToList();
            Assert.Equal(
                new[]
                {
                    "upload a_0001.txt.part", "rename a_0001.txt.part a_0001.txt", "upload a_0001.fin.part", "rename! a_0001.fin.part a_0001.fin",
                    "upload b_0002.txt.part", "rename b_0002.txt.part b_0002.txt", "upload b_0002.fin.part", "rename! b_0002.fin.part b_0002.fin",
                },
                steps);
            Assert.Empty(remote.Files["a_0001.fin"]);
            Assert.Equal("a_0001.fin", ledger.Entries[0].MarkerName);
        }

        [Fact]
        public void An_existing_marker_stops_the_file_before_its_data_is_sent()
        {
            var a = File("a.txt", "x");
            remote.Files["a.fin"] = Array.Empty<byte>();

            var result = Run(Sender(o => o.Marker = DeliveryMarker.Fin), a).Single();

            Assert.Equal("Failed", result.Status);
            Assert.Contains("'a.fin' already exists", result.Message);
            Assert.False(remote.Files.ContainsKey("a.txt"));
        }

        [Fact]
        public void A_transient_failure_is_retried_on_a_new_connection_and_a_login_failure_is_not()
        {
            var a = File("a.csv", "alpha");
            var failures = 1;
            remote.Fail = line => line == "upload a.csv.part" && failures-- > 0 ? new DeliveryException("connection lost", DeliveryFailureKind.Unavailable) : null;

            var result = Run(Sender(), a).Single();

            Assert.Equal("Sent", result.Status);
            Assert.Equal(2, result.Attempts);
            Assert.Equal(2, connects);
            Assert.Equal(2, ledger.Entries.Single().Attempts);
            Assert.Contains(reporter.Verbose, v => v.Contains("trying again"));

            var b = File("b.csv", "bravo");
            remote.Fail = line => line.StartsWith("upload", StringComparison.Ordinal) ? new DeliveryException("login refused", DeliveryFailureKind.Authentication) : null;
            var refused = Run(Sender(o => o.RetryCount = 5), b).Single();

            Assert.Equal("Failed", refused.Status);
            Assert.Equal(1, refused.Attempts);
            var failed = ledger.Entries.Last();
            Assert.Equal(DeliveryStatus.Failed, failed.StatusValue);
            Assert.Equal("login refused", failed.Message);
            Assert.Equal(failed.Id, refused.LedgerId);
        }

        [Fact]
        public void Retries_stop_after_the_retry_count_and_back_off_exponentially()
        {
            var a = File("a.csv", "alpha");
            remote.Fail = line => line.StartsWith("upload", StringComparison.Ordinal) ? new DeliveryException("disk I/O", DeliveryFailureKind.IO) : null;

            var result = Run(Sender(o => o.RetryCount = 3), a).Single();

            Assert.Equal("Failed", result.Status);
            Assert.Equal(4, result.Attempts);
            var delays = reporter.Verbose.Where(v => v.Contains("trying again")).ToList();
            Assert.Equal(3, delays.Count);
            Assert.Equal(DeliveryStatus.Failed, ledger.Entries.Single().StatusValue);
            Assert.Equal(4, ledger.Entries.Single().Attempts);
            Assert.False(remote.Files.ContainsKey("a.csv"));
        }

        [Fact]
        public void A_write_that_fails_for_good_removes_its_partial_temporary_file()
        {
            var a = File("a.csv", "alpha");
            remote.Truncate = 2; // every upload arrives short: the size check fails each time

            var result = Run(Sender(o => o.RetryCount = 1), a).Single();

            Assert.Equal("Failed", result.Status);
            Assert.Equal(2, result.Attempts);
            Assert.Equal("delete a.csv.part", remote.Log[remote.Log.Count - 2]);
            Assert.Empty(remote.Files);
        }

        [Fact]
        public void One_failing_file_does_not_stop_the_others()
        {
            var a = File("a.csv", "alpha");
            var b = File("b.csv", "bravo");
            var c = File("c.csv", "charlie");
            remote.Fail = line => line == "upload b.csv.part" ? new DeliveryException("permission denied", DeliveryFailureKind.IO) : null;

            var results = Run(Sender(o => o.RetryCount = 0), a, b, c);

            Assert.Equal(new[] { "Sent", "Failed", "Sent" }, results.Select(r => r.Status));
            Assert.Equal(new[] { "a.csv", "c.csv" }, remote.Files.Keys.OrderBy(k => k));
        }

        [Fact]
        public void Name_pattern_tokens_expand_in_utc_with_a_per_run_sequence()
        {
            var a = File("Export.CSV", "alpha");
            var b = File("second.csv", "bravo");
            var sender = Sender(o =>
            {
                o.NamePattern = "{ReportSuite}_{Timestamp}_{Timestamp:yyyy-MM-dd}_{Sequence}_{Sequence:2}_{BaseName}{Extension}_{Name}";
                o.ReportSuite = "acme.prod";
            });
            sender.UtcNow = () => new DateTime(2026, 11, 29, 21, 5, 7, DateTimeKind.Utc);

            var plan = sender.Plan(new[] { a, b });

            Assert.Equal("acme.prod_20261129210507_2026-11-29_0001_01_Export.CSV_Export.csv", plan[0].RemoteName);
            Assert.Equal("acme.prod_20261129210507_2026-11-29_0002_02_second.csv_second.csv", plan[1].RemoteName);
        }

        [Fact]
        public void A_pattern_without_unique_names_or_with_an_unknown_token_fails_before_anything_is_sent()
        {
            var a = File("a.csv", "alpha");
            var b = File("b.csv", "bravo");

            var clash = Assert.Throws<InvalidOperationException>(() => Sender(o => o.NamePattern = "export_{Timestamp}.csv").Plan(new[] { a, b }));
            Assert.Contains("'export_", clash.Message);
            Assert.Contains("{Sequence}", clash.Message);
            Assert.Throws<FormatException>(() => Sender(o => o.NamePattern = "{Date}.csv"));
            Assert.Throws<FormatException>(() => Sender(o => o.NamePattern = "{ReportSuite}.csv"));
            Assert.Throws<FormatException>(() => Sender(o => o.NamePattern = "in/{Name}"));
            Assert.Empty(remote.Log);
        }

        [Fact]
        public void Compress_sends_a_zip_named_after_the_file_and_the_ledger_hashes_the_original()
        {
            var a = File("Data.TXT", new string('x', 10000));

            var result = Run(Sender(o => { o.Compress = true; o.Marker = DeliveryMarker.Fin; }), a).Single();

            Assert.Equal("Data.zip", result.RemoteName);
            Assert.Equal("Data.fin", result.MarkerName);
            Assert.Equal(FileSender.Hash(a, CancellationToken.None).Sha256, ledger.Entries.Single().Sha256);
            Assert.True(result.Bytes < 1000);
            using var zip = new ZipFile(new MemoryStream(remote.Files["Data.zip"]));
            var entry = zip.Cast<ZipEntry>().Single();
            Assert.Equal("Data.txt", entry.Name);
            using var reader = new StreamReader(zip.GetInputStream(entry));
            Assert.Equal(new string('x', 10000), reader.ReadToEnd());
            Assert.DoesNotContain(Directory.GetFiles(Path.GetTempPath(), "offlinedata-send-*.zip"), f => System.IO.File.GetCreationTimeUtc(f) > DateTime.UtcNow.AddMinutes(-1));
        }

        [Fact]
        public void With_fin_a_file_waits_while_the_folder_holds_too_much_unprocessed_data_and_proceeds_when_it_drains()
        {
            var a = File("a.txt", "alpha");
            remote.Files["old.txt"] = new byte[200];
            remote.Files["big.csv"] = new byte[500]; // not a data file Adobe processes
            var lists = 0;
            remote.OnList = () =>
            {
                if (++lists == 3) remote.Files.Remove("old.txt"); // Adobe processed it
            };

            var result = Run(Sender(o => { o.Marker = DeliveryMarker.Fin; o.PendingLimitBytes = 100; o.MaxWait = TimeSpan.FromSeconds(30); }), a).Single();

            Assert.Equal("Sent", result.Status);
            Assert.Equal(3, lists);
            Assert.Equal(2, reporter.Waits.Count);
            Assert.Contains("0.0 MB", reporter.Waits[0]);
        }

        [Fact]
        public void With_fin_a_folder_that_stays_full_fails_the_file_after_max_wait_and_later_files_at_once()
        {
            var a = File("a.txt", "alpha");
            var b = File("b.txt", "bravo");
            remote.Files["old.txt"] = new byte[200];

            var results = Run(Sender(o => { o.Marker = DeliveryMarker.Fin; o.PendingLimitBytes = 100; o.MaxWait = TimeSpan.FromMilliseconds(60); }), a, b);

            Assert.Equal(new[] { "Failed", "Failed" }, results.Select(r => r.Status));
            var error = Assert.IsType<DeliveryException>(results[0].Error);
            Assert.Equal(DeliveryFailureKind.Busy, error.Kind);
            Assert.Contains("-MaxWait", error.Message);
            Assert.Equal(1, results[0].Attempts);
            Assert.False(remote.Files.ContainsKey("a.txt"));
            Assert.Equal(1, remote.Log.Count(l => l == "list") - reporter.Waits.Count - 1); // the second file looked once, did not wait
        }

        [Fact]
        public void The_error_folder_is_listed_after_sending_and_each_file_of_the_run_found_there_is_a_warning()
        {
            var a = File("a.txt", "alpha");
            var b = File("b.txt", "bravo");
            var errors = new MemoryRemoteFolder { Destination = DeliveryDestination.Parse("sftp://memory/in/files_with_errors") };
            errors.Files["a.txt"] = new byte[5];
            errors.Files["other.txt"] = new byte[5];
            var options = new FileSenderOptions(remote.Destination, new DeliveryConnectOptions()) { ErrorFolder = "files_with_errors" };
            var sender = new FileSender(ledger, options, d => d.Directory.EndsWith("files_with_errors", StringComparison.Ordinal) ? errors : remote);

            sender.Send(sender.Plan(new[] { a, b }), reporter, CancellationToken.None).ToList();

            var warning = Assert.Single(reporter.Warnings);
            Assert.Contains("'a.txt'", warning);
            Assert.Contains("/in/files_with_errors", warning);
        }

        [Fact]
        public void A_store_failure_fails_the_file_without_sending_it()
        {
            var a = File("a.csv", "alpha");
            ledger.Failure = new StoreException("store gone", StoreFailureKind.Unavailable);

            var result = Run(Sender(), a).Single();

            Assert.Equal("Failed", result.Status);
            Assert.IsType<StoreException>(result.Error);
            Assert.Empty(remote.Files);
        }

        [Fact]
        public void A_file_that_cannot_be_read_fails_before_any_ledger_entry()
        {
            var missing = Path.Combine(dir, "gone.csv");

            var result = Run(Sender(), missing).Single();

            Assert.Equal("Failed", result.Status);
            Assert.IsAssignableFrom<IOException>(result.Error);
            Assert.Empty(ledger.Entries);
        }

        [Fact]
        public void Accepting_any_host_key_warns_on_every_run()
        {
            var a = File("a.csv", "alpha");
            var options = new FileSenderOptions(remote.Destination, new DeliveryConnectOptions(HostKeyPolicy.AcceptAny()));
            var sender = new FileSender(ledger, options, _ => remote);

            sender.Send(sender.Plan(new[] { a }), reporter, CancellationToken.None).ToList();
            sender.Send(sender.Plan(new[] { a }), reporter, CancellationToken.None).ToList();

            Assert.Equal(2, reporter.Warnings.Count(w => w.Contains("any host key is accepted")));
        }

        [Fact]
        public void Byte_progress_is_passed_on_a_few_times_a_second_and_once_at_the_end()
        {
            var a = File("a.csv", new string('x', 1000));
            remote.ProgressSteps = 100;
            remote.StepDelay = TimeSpan.FromMilliseconds(10); // a transfer of about a second, reporting every 10 ms

            var clock = System.Diagnostics.Stopwatch.StartNew();
            Run(Sender(), a);
            clock.Stop();

            // At most one report per interval of the time the transfer really took (a loaded machine stretches the
            // hundred 10 ms steps), plus the first and the final one; far fewer than the hundred callbacks.
            var most = (int)(clock.Elapsed.Ticks / FileSender.ProgressInterval.Ticks) + 2;
            Assert.InRange(reporter.Progresses.Count, 2, Math.Min(most, 50));
            Assert.Equal(1000, reporter.Progresses.Last());
        }

        [Fact]
        public void Transient_kinds_are_only_unavailable_and_io()
        {
            var transient = Enum.GetValues(typeof(DeliveryFailureKind)).Cast<DeliveryFailureKind>().Where(FileSender.IsTransient);

            Assert.Equal(new[] { "Unavailable", "IO" }, transient.Select(k => k.ToString()));
        }

        private sealed class RecordingReporter : IDeliveryReporter
        {
            public List<string> Warnings { get; } = new List<string>();

            public List<string> Verbose { get; } = new List<string>();

            public List<string> Waits { get; } = new List<string>();

            public List<long> Progresses { get; } = new List<long>();

            public void Progress(string sourcePath, string remoteName, long fileDone, long fileTotal, long runDone, long runTotal) => Progresses.Add(fileDone);

            public void Waiting(string message, TimeSpan waited, TimeSpan maxWait) => Waits.Add(message);

            public void Warning(string message) => Warnings.Add(message);

            void IDeliveryReporter.Verbose(string message) => Verbose.Add(message);
        }
    }
}
