using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>
    /// Makes the native SQLite library (e_sqlite3, from SQLitePCLRaw) load from the module folder.
    /// A netstandard2.0 module gets no runtimes/ probing from the host (pwsh's deps.json knows nothing of it,
    /// Windows PowerShell never probes runtimes/), so the build copies <c>runtimes/&lt;rid&gt;/native/*</c> next to
    /// this assembly and this class points the loader at the right one before SQLite is first used:
    /// on .NET (PowerShell 7) through <c>NativeLibrary.SetDllImportResolver</c> for the SQLitePCLRaw provider,
    /// on .NET Framework (Windows PowerShell 5.1) by loading the DLL by full path first, which DllImport then reuses.
    /// Where no copy exists next to the assembly (an application with a deps.json, e.g. the tests), it does nothing
    /// and the normal probing applies.
    /// </summary>
    public static class NativeSqliteLoader
    {
        private const string LibraryName = "e_sqlite3";
        private static readonly object Gate = new object();
        private static bool initialized;
        private static string? nativePath;

        /// <summary>The full path of the native library this loader uses, or null when normal probing is used.</summary>
        public static string? NativePath => nativePath;

        /// <summary>The runtime identifier of this process's platform, e.g. <c>linux-x64</c> or <c>win-x64</c>.</summary>
        public static string RuntimeIdentifier
        {
            get
            {
                string arch;
                switch (RuntimeInformation.ProcessArchitecture)
                {
                    case Architecture.X64: arch = "x64"; break;
                    case Architecture.X86: arch = "x86"; break;
                    case Architecture.Arm64: arch = "arm64"; break;
                    case Architecture.Arm: arch = "arm"; break;
                    default: arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(); break;
                }

                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return "win-" + arch;
                if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return "osx-" + arch;
                return (IsMusl() ? "linux-musl-" : "linux-") + arch;
            }
        }

        /// <summary>Points SQLitePCLRaw at the module's native library (once per process) and initialises it.</summary>
        public static void EnsureLoaded()
        {
            // A lock, not a flag set on entry: with a flag, a second runspace (ForEach-Object -Parallel, a runspace pool)
            // skipped the registration the first was still doing, initialised SQLite before the resolver was set and
            // failed with "Unable to load shared library 'e_sqlite3'" (StoreUnavailable).
            lock (Gate)
            {
                if (initialized) return;
                var directory = Path.GetDirectoryName(typeof(NativeSqliteLoader).Assembly.Location);
                if (!string.IsNullOrEmpty(directory))
                {
                    var candidate = Path.Combine(directory, "runtimes", RuntimeIdentifier, "native", NativeFileName());
                    if (File.Exists(candidate))
                    {
                        nativePath = candidate;
                        Register(candidate);
                    }
                }

                SQLitePCL.Batteries_V2.Init();
                initialized = true;
            }
        }

        private static void Register(string path)
        {
            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                // Windows PowerShell: a DLL already loaded by full path satisfies DllImport("e_sqlite3").
                if (LoadLibraryW(path) == IntPtr.Zero)
                {
                    throw new DllNotFoundException($"Cannot load the native SQLite library '{path}' (Win32 error {Marshal.GetLastWin32Error()}).");
                }

                return;
            }

            var nativeLibrary = typeof(object).Assembly.GetType("System.Runtime.InteropServices.NativeLibrary");
            var resolverType = typeof(object).Assembly.GetType("System.Runtime.InteropServices.DllImportResolver");
            var setResolver = nativeLibrary?.GetMethod("SetDllImportResolver", new[] { typeof(Assembly), resolverType! });
            if (setResolver == null) return;

            var provider = typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly;
            var resolve = typeof(NativeSqliteLoader).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Static)!;
            try
            {
                setResolver.Invoke(null, new object[] { provider, Delegate.CreateDelegate(resolverType!, resolve) });
            }
            catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException)
            {
                // A resolver is already set for the provider (another module or the host did it): leave it.
            }
        }

        private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        {
            if (nativePath == null || !string.Equals(libraryName, LibraryName, StringComparison.Ordinal)) return IntPtr.Zero;
            var nativeLibrary = typeof(object).Assembly.GetType("System.Runtime.InteropServices.NativeLibrary")!;
            var load = nativeLibrary.GetMethod("Load", new[] { typeof(string) })!;
            return (IntPtr)load.Invoke(null, new object[] { nativePath })!;
        }

        private static string NativeFileName()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return LibraryName + ".dll";
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return "lib" + LibraryName + ".dylib";
            return "lib" + LibraryName + ".so";
        }

        private static bool IsMusl()
        {
            try
            {
                return Directory.Exists("/lib") && Directory.GetFiles("/lib", "ld-musl-*.so.1").Length > 0;
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }

        [DllImport("kernel32", SetLastError = true, CharSet = CharSet.Unicode)]
        private static extern IntPtr LoadLibraryW(string path);
    }
}
