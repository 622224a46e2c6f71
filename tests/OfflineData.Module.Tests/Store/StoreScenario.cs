using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.PowerShellHost;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// A module session with a temporary store (always passed as -Store, so tests never touch the per-user store)
    /// and the bundled examples: examples/valid-sample.csv and examples/import/online-transactions.csv.
    /// </summary>
    public sealed class StoreScenario : IDisposable
    {
        public StoreScenario()
            : this(null)
        {
        }

        /// <summary>A scenario whose session runs in <paramref name="host"/> (e.g. an <see cref="AnsweringHost"/> for -Confirm).</summary>
        public StoreScenario(System.Management.Automation.Host.PSHost? host)
        {
            Session = new ModuleSession(null, host);
            Directory = new TestDirectory();
            StorePath = Directory.Combine("store.db");

            // Tests that damage or downgrade a store do it with the module's own SQLite provider, as $SqliteConnection.
            // It lives in the module's load context, which PowerShell's type-name lookup does not search, so
            // [Microsoft.Data.Sqlite.SqliteConnection] is not found: reach it through that context (README, "Module layout").
            Session.Invoke(@"$global:SqliteConnection = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(
                    [OfflineData.Core.Store.Sqlite.NativeSqliteLoader, OfflineData.Core].Assembly).
                LoadFromAssemblyName([System.Reflection.AssemblyName]::new('Microsoft.Data.Sqlite')).
                GetType('Microsoft.Data.Sqlite.SqliteConnection', $true)").ThrowIfFailed();
        }

        public ModuleSession Session { get; }

        public TestDirectory Directory { get; }

        public string StorePath { get; }

        public static string Example(params string[] parts) => Path.Combine(new[] { ModuleLocation.RepoRoot, "examples" }.Concat(parts).ToArray());

        public static string OfflineSample => Example("valid-sample.csv");

        public static string OnlineSample => Example("import", "online-transactions.csv");

        /// <summary>Runs a script with $Store bound to the test store and the given extra parameters.</summary>
        public InvocationResult Run(string script, params (string Name, object Value)[] parameters)
        {
            var table = new Hashtable { ["Store"] = StorePath };
            foreach (var (name, value) in parameters) table[name] = value;
            return Session.Invoke(script, table);
        }

        /// <summary>Recording on for acme.prod and the online example recorded: the state the offline sample is matched against.</summary>
        public void RecordOnlineSample()
        {
            Run("param($Store, $Online) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store; Import-OnlineData -Path $Online -ReportSuite acme.prod -Store $Store -WarningAction SilentlyContinue",
                ("Online", OnlineSample)).ThrowIfFailed();
        }

        public static object? Property(PSObject item, string name) => item.Properties[name]?.Value;

        public void Dispose()
        {
            Session.Dispose();
            Directory.Dispose();
        }
    }
}
