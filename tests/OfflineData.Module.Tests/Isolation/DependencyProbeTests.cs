using System;
using System.IO;
using System.Linq;
using System.Reflection;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Isolation
{
    /// <summary>
    /// The rules of the AssemblyResolve handler Windows PowerShell 5.1 uses (OfflineData.Loader's DependencyProbe), run
    /// here on the shipped assembly and the assembled dependency folder: there is no .NET Framework on this machine.
    /// </summary>
    public sealed class DependencyProbeTests : IDisposable
    {
        private const string CsvHelperToken = "8c4959082be5c823";
        private readonly ModuleSession session = new ModuleSession();

        private static string? Find(string assemblyName)
        {
            var loader = Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "OfflineData.Loader");
            var find = loader.GetType("OfflineData.Loader.DependencyProbe", throwOnError: true)!
                .GetMethod("Find", BindingFlags.NonPublic | BindingFlags.Static)!;
            return (string?)find.Invoke(null, new object[] { ModuleLocation.DependencyDirectory, new AssemblyName(assemblyName) });
        }

        private static string Shipped(string file) => Path.Combine(ModuleLocation.DependencyDirectory, file);

        [Fact]
        public void A_request_for_the_shipped_version_or_an_older_one_gets_the_shipped_file()
        {
            Assert.Equal(Shipped("CsvHelper.dll"), Find($"CsvHelper, Version=33.0.0.0, Culture=neutral, PublicKeyToken={CsvHelperToken}"));
            Assert.Equal(Shipped("CsvHelper.dll"), Find($"CsvHelper, Version=30.0.0.0, Culture=neutral, PublicKeyToken={CsvHelperToken}"));
            Assert.Equal(Shipped("OfflineData.Core.dll"), Find("OfflineData.Core, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null"));
            Assert.Equal(Shipped("ICSharpCode.SharpZipLib.dll"), Find("ICSharpCode.SharpZipLib"));
        }

        [Fact]
        public void A_newer_version_another_publisher_or_a_name_the_module_does_not_ship_is_not_answered()
        {
            Assert.Null(Find($"CsvHelper, Version=34.0.0.0, Culture=neutral, PublicKeyToken={CsvHelperToken}"));
            Assert.Null(Find("CsvHelper, Version=33.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef"));
            Assert.Null(Find("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed"));
            Assert.Null(Find("CsvHelper.resources, Version=33.0.0.0, Culture=de, PublicKeyToken=" + CsvHelperToken));
        }

        [Fact]
        public void The_native_SQLite_library_is_not_taken_for_an_assembly()
        {
            // Only .dll files directly in the folder are candidates; runtimes/<rid>/native/ is never probed as managed code.
            Assert.Null(Find("e_sqlite3"));
            Assert.True(Directory.EnumerateFiles(ModuleLocation.DependencyDirectory, "*e_sqlite3*", SearchOption.AllDirectories).Any());
        }

        public void Dispose() => session.Dispose();
    }
}
