#if NETFRAMEWORK
using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using Xunit;

namespace OfflineData.Core.Tests.Infrastructure
{
    /// <summary>
    /// The net472 run is meant to run the core on the files Windows PowerShell 5.1 loads from the module folder: the
    /// netstandard2.0 build of every dependency (see UseNetStandardBuildsOfModuleDependencies in the test project).
    /// </summary>
    public sealed class NetFrameworkDependencyTests
    {
        [Theory]
        [InlineData("CsvHelper.CsvReader, CsvHelper")]
        [InlineData("System.IO.Hashing.Crc32, System.IO.Hashing")]
        [InlineData("System.Text.CodePagesEncodingProvider, System.Text.Encoding.CodePages")]
        [InlineData("System.Buffers.ArrayPool`1, System.Buffers")]
        [InlineData("System.Span`1, System.Memory")]
        [InlineData("SQLitePCL.Batteries_V2, SQLitePCLRaw.batteries_v2")]
        [InlineData("SQLitePCL.SQLite3Provider_e_sqlite3, SQLitePCLRaw.provider.e_sqlite3")]
        [InlineData("Microsoft.Data.Sqlite.SqliteConnection, Microsoft.Data.Sqlite")]
        public void TheCoreRunsOnTheNetStandardBuildOfItsDependencies(string typeName)
        {
            var assembly = Type.GetType(typeName, throwOnError: true)!.Assembly;
            var framework = assembly.GetCustomAttributes<TargetFrameworkAttribute>().Select(a => a.FrameworkName).SingleOrDefault();
            Assert.True(framework == ".NETStandard,Version=v2.0", $"{assembly.Location} is built for '{framework}', not netstandard2.0.");
        }
    }
}
#endif
