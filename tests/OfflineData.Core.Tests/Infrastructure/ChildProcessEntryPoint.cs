using System;
using System.Globalization;
using System.Threading;
using OfflineData.Core.Import;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;

namespace OfflineData.Core.Tests.Infrastructure
{
    /// <summary>
    /// The test assembly's entry point when run as a child process (the test runner never calls it):
    /// <c>dotnet OfflineData.Core.Tests.dll import &lt;store&gt; &lt;file&gt; &lt;suite&gt; &lt;pauseAfterRows&gt; &lt;pauseMs&gt;</c>
    /// imports a file like Import-OfflineData does (<c>claim &lt;store&gt; &lt;destination&gt; &lt;sha256&gt;</c> claims a delivery and holds it until killed) and, after the given number of rows, prints PAUSED and sleeps
    /// (-1 = until killed, -2 = until a line arrives on standard input) inside the open import transaction.
    /// </summary>
    public static class ChildProcessEntryPoint
    {
        public static int Main(string[] args)
        {
            if (args.Length == 4 && args[0] == "claim") return Claim(args[1], args[2], args[3]);
            if (args.Length != 6 || args[0] != "import")
            {
                Console.Error.WriteLine("usage: import <store> <file> <suite> <pauseAfterRows> <pauseMs>");
                return 2;
            }

            long pauseAfter = long.Parse(args[4], CultureInfo.InvariantCulture);
            int pauseMs = int.Parse(args[5], CultureInfo.InvariantCulture);
            using var store = SqliteOfflineDataStore.Open(args[1], create: true);
            store.WaitingForLock = message => Console.WriteLine("WAITING " + message);
            var observer = new CollectingObserver
            {
                AfterRow = rows =>
                {
                    if (rows != pauseAfter) return;
                    Console.WriteLine("PAUSED");
                    Console.Out.Flush();
                    if (pauseMs == ChildProcess.UntilResumed)
                    {
                        Console.In.ReadLine();
                        return;
                    }

                    Thread.Sleep(pauseMs < 0 ? Timeout.Infinite : pauseMs);
                },
            };
            var result = new OfflineDataImporter(store).Import(args[2], new OfflineDataImportOptions { ReportSuite = args[3], RejectDirectory = StoreTestKit.BesideStore(store) }, observer);
            Console.WriteLine($"RESULT {result.Status} {result.Imported} {result.ImportId}");
            if (result.Message != null) Console.WriteLine("MESSAGE " + result.Message);
            return result.StatusValue == ImportRunStatus.Imported ? 0 : 1;
        }

        /// <summary><c>claim &lt;store location&gt; &lt;destination&gt; &lt;sha256&gt;</c>: claims a delivery as a sending run does and holds it until killed.</summary>
        private static int Claim(string location, string destination, string sha256)
        {
            using var store = StoreFactory.Open(location, new StoreOpenOptions { Create = true });
            using var lease = store.TryAcquireDelivery(destination, sha256);
            Console.WriteLine(lease == null ? "REFUSED" : "HELD");
            Console.Out.Flush();
            if (lease == null) return 1;
            Thread.Sleep(Timeout.Infinite);
            return 0;
        }
    }
}
