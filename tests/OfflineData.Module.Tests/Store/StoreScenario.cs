using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.PowerShellHost;
using OfflineData.Module.Tests.StoreKinds;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// A module session with a temporary store (always passed as -Store, so tests never touch the per-user store)
    /// and the bundled examples: examples/valid-sample.csv and examples/import/online-transactions.csv. The store is an
    /// SQLite file in a temporary folder, or (<see cref="StoreKind.PostgreSql"/>) a fresh database on the test server,
    /// dropped at the end; either way <see cref="StorePath"/> is what -Store is given.
    /// </summary>
    public sealed class StoreScenario : IDisposable
    {
        public StoreScenario()
            : this(null)
        {
        }

        /// <summary>A scenario whose session runs in <paramref name="host"/> (e.g. an <see cref="AnsweringHost"/> for -Confirm).</summary>
        public StoreScenario(System.Management.Automation.Host.PSHost? host)
            : this(StoreKind.Sqlite, host)
        {
        }

        /// <summary>A scenario whose store is of <paramref name="kind"/>; PostgreSQL needs OFFLINEDATA_TEST_POSTGRES (else this throws saying so).</summary>
        public StoreScenario(StoreKind kind, System.Management.Automation.Host.PSHost? host = null)
        {
            Kind = kind;
            if (kind == StoreKind.PostgreSql) Database = TestPostgres.CreateDatabase();
            Session = new ModuleSession(null, host);
            Directory = new TestDirectory();
            StorePath = Database != null ? TestPostgres.StoreLocation(Database) : Directory.Combine("store.db");

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

        /// <summary>What -Store is given: the SQLite file's path, or the PostgreSQL database's connection string (no password).</summary>
        public string StorePath { get; }

        /// <summary>The kind of store.</summary>
        public StoreKind Kind { get; }

        /// <summary>The PostgreSQL database's name; null for SQLite.</summary>
        public string? Database { get; }

        /// <summary>Whether the store was created: the SQLite file exists, or the database has the schema offlinedata.</summary>
        public bool StoreExists() => Database == null
            ? File.Exists(StorePath)
            : TestPostgres.Query(Database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'offlinedata'") != "0";

        /// <summary>
        /// What the store holds, to compare before and after a step that must write nothing: the SQLite file's bytes,
        /// or the row count of every table in the schema offlinedata.
        /// </summary>
        public string Contents() => Database == null
            ? Convert.ToBase64String(File.ReadAllBytes(StorePath))
            : TestPostgres.Query(Database, "SELECT string_agg(table_name || '=' || (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM offlinedata.%I', table_name), false, true, '')))[1]::text, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'offlinedata'");

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

        /// <summary>
        /// Makes Add-TestDelivery (tests/pester/TestDeliveries.ps1, shared with Pester) available in the session: it writes
        /// delivery ledger entries into a store as Send-OfflineDataFile does, through the module's own store types.
        /// </summary>
        public void DefineDeliveryHelper()
        {
            Session.Invoke("param($Path) . $Path", new Hashtable { ["Path"] = Path.Combine(ModuleLocation.RepoRoot, "tests", "pester", "TestDeliveries.ps1") }).ThrowIfFailed();
        }

        public static object? Property(PSObject item, string name) => item.Properties[name]?.Value;

        public void Dispose()
        {
            Session.Dispose();
            Directory.Dispose();
            if (Database != null) TestPostgres.DropDatabase(Database);
        }
    }
}
