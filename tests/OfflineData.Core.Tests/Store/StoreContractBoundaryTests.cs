using System;
using System.IO;
using System.Linq;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    /// <summary>
    /// Issue 9: only the SQLite implementation (src/OfflineData.Core/Store/Sqlite/) knows the SQLite driver and only the
    /// PostgreSQL one (Store/Postgres/) knows Npgsql; the importer, the contract and the cmdlets see the store contract
    /// and <c>StoreException</c> only.
    /// </summary>
    public class StoreContractBoundaryTests
    {
        [Fact]
        public void No_source_file_outside_Store_Sqlite_mentions_Microsoft_Data_Sqlite() => AssertOnlyInside("Sqlite", "Microsoft.Data.Sqlite");

        [Fact]
        public void No_source_file_outside_Store_Postgres_mentions_Npgsql() => AssertOnlyInside("Postgres", "Npgsql");

        private static void AssertOnlyInside(string implementation, string driver)
        {
            var root = RepositoryRoot();
            var implementationFolder = Path.Combine(root, "src", "OfflineData.Core", "Store", implementation) + Path.DirectorySeparatorChar;
            var checkedFiles = new[] { Path.Combine(root, "src", "OfflineData.Core"), Path.Combine(root, "src", "OfflineData") }
                .SelectMany(folder => Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories))
                .Where(file => !IsBuildOutput(file))
                .ToArray();

            var offenders = checkedFiles
                .Where(file => !file.StartsWith(implementationFolder, StringComparison.Ordinal))
                .Where(file => File.ReadAllText(file).IndexOf(driver, StringComparison.Ordinal) >= 0)
                .ToArray();

            Assert.Contains(checkedFiles, file => file.StartsWith(implementationFolder, StringComparison.Ordinal)); // the walk found the implementation
            Assert.True(offenders.Length == 0, $"Outside Store/{implementation}/: " + string.Join(", ", offenders));
        }

        private static bool IsBuildOutput(string file) =>
            file.IndexOf(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) >= 0
            || file.IndexOf(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) >= 0;

        private static string RepositoryRoot()
        {
            var directory = new DirectoryInfo(AppDomain.CurrentDomain.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "OfflineData.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("OfflineData.sln not found above " + AppDomain.CurrentDomain.BaseDirectory);
        }
    }
}
