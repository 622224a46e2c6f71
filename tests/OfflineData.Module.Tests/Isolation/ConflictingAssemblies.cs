using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace OfflineData.Module.Tests.Isolation
{
    /// <summary>
    /// Other versions of two of the module's dependencies (CsvHelper 30.0.1 and SharpZipLib 1.2.0, restored by the test
    /// project's PackageDownload items), loaded into the test process's default load context when this test assembly
    /// loads, i.e. before any test imports the module. The hosted engine runs in this process, so every module test
    /// then runs in a session that, like one where another module or a profile got there first, already holds other
    /// versions of them; <see cref="DependencyIsolationTests"/> checks that both versions are loaded side by side.
    /// </summary>
    internal static class ConflictingAssemblies
    {
        /// <summary>CsvHelper 30.0.1, as Add-Type -Path (Assembly.LoadFrom) loads it.</summary>
        internal static Assembly CsvHelper { get; private set; } = null!;

        /// <summary>SharpZipLib 1.2.0, as Add-Type -Path (Assembly.LoadFrom) loads it.</summary>
        internal static Assembly SharpZipLib { get; private set; } = null!;

        /// <summary>The path of CsvHelper 30.0.1's net6.0 assembly (the one a .NET host picks; it needs no Microsoft.Bcl packages) in the NuGet packages folder.</summary>
        internal static string CsvHelperPath => ReadMetadata("ConflictingCsvHelper");

        /// <summary>The path of SharpZipLib 1.2.0's netstandard2.0 assembly in the NuGet packages folder.</summary>
        internal static string SharpZipLibPath => ReadMetadata("ConflictingSharpZipLib");

        /// <summary>True when the module's core was already loaded when the other versions were (it must not be).</summary>
        internal static bool CoreWasLoadedFirst { get; private set; }

#pragma warning disable CA2255 // A module initializer in a test assembly: it must run before the first test imports the module.
        [ModuleInitializer]
#pragma warning restore CA2255
        internal static void LoadBeforeTheModule()
        {
            CoreWasLoadedFirst = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "OfflineData.Core");
            CsvHelper = Assembly.LoadFrom(CsvHelperPath);
            SharpZipLib = Assembly.LoadFrom(SharpZipLibPath);
        }

        private static string ReadMetadata(string key)
        {
            var value = typeof(ConflictingAssemblies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == key)?.Value;
            if (string.IsNullOrEmpty(value) || !File.Exists(value))
            {
                throw new InvalidOperationException(
                    $"The '{key}' assembly '{value}' was not found: it is restored by the PackageDownload items of OfflineData.Module.Tests.csproj (dotnet restore).");
            }

            return value!;
        }
    }
}
