using System;
using System.IO;
using System.Reflection;

namespace OfflineData.Loader
{
    /// <summary>
    /// Decides which file of the module's dependency folder answers an assembly request on Windows PowerShell 5.1
    /// (the AppDomain.AssemblyResolve handler) and on hosts without the load context. A plain method, so the rules
    /// are tested on PowerShell 7 too: the file must carry the requested name, at least the requested version and,
    /// when the request names one, the same public key token; otherwise the request is not the module's to answer.
    /// </summary>
    internal static class DependencyProbe
    {
        /// <summary>The path of the dependency that satisfies <paramref name="requested"/>, or null when none does.</summary>
        internal static string? Find(string dependencyDirectory, AssemblyName requested)
        {
            var name = requested.Name;
            if (string.IsNullOrEmpty(name) || name!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
            var path = Path.Combine(dependencyDirectory, name + ".dll");
            if (!File.Exists(path)) return null;

            AssemblyName candidate;
            try
            {
                candidate = AssemblyName.GetAssemblyName(path);
            }
            catch (Exception e) when (e is BadImageFormatException || e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }

            if (!string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase)) return null;
            if (requested.Version != null && (candidate.Version == null || candidate.Version < requested.Version)) return null;
            var requestedToken = requested.GetPublicKeyToken();
            if (requestedToken != null && requestedToken.Length > 0 && !SameBytes(requestedToken, candidate.GetPublicKeyToken()))
            {
                return null;
            }

            return path;
        }

        private static bool SameBytes(byte[] expected, byte[]? actual)
        {
            if (actual == null || actual.Length != expected.Length) return false;
            for (int i = 0; i < expected.Length; i++)
            {
                if (expected[i] != actual[i]) return false;
            }

            return true;
        }
    }
}
