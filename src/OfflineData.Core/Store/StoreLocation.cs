using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// Where the store lives when no path is given: the <c>OFFLINEDATA_STORE</c> environment variable if set,
    /// else <c>%LOCALAPPDATA%\OfflineData\offlinedata.db</c> on Windows and
    /// <c>$XDG_DATA_HOME/OfflineData/offlinedata.db</c> (or <c>~/.local/share/OfflineData/offlinedata.db</c>) elsewhere.
    /// </summary>
    public static class StoreLocation
    {
        /// <summary>The environment variable that overrides the default store path.</summary>
        public const string EnvironmentVariable = "OFFLINEDATA_STORE";

        /// <summary>The store's file name in the default folder.</summary>
        public const string FileName = "offlinedata.db";

        /// <summary>
        /// The store path to use: <paramref name="explicitPath"/> when given, else the environment variable, else the per-user default.
        /// </summary>
        public static string Resolve(string? explicitPath)
        {
            if (!string.IsNullOrWhiteSpace(explicitPath)) return Path.GetFullPath(explicitPath);
            var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
            return DefaultPath;
        }

        /// <summary>
        /// How store paths compare: ignoring case where file systems usually do (Windows, macOS), exactly elsewhere.
        /// Used to tell whether two resolved paths name the same store.
        /// </summary>
        public static StringComparer PathComparer { get; } =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
                ? StringComparer.OrdinalIgnoreCase
                : StringComparer.Ordinal;

        /// <summary>The per-user default path (ignores the environment variable override).</summary>
        public static string DefaultPath
        {
            get
            {
                string root;
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
                }
                else
                {
                    var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
                    // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
                    root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
                        ? xdg
                        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
                }

                return Path.Combine(root, "OfflineData", FileName);
            }
        }
    }
}
