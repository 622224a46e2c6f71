using System;
using System.IO;
using System.Linq;
using System.Text;

namespace OfflineData.Module.Tests.PowerShellHost
{
    /// <summary>
    /// A fresh temporary folder for one test's files, deleted with everything in it on <see cref="Dispose"/>.
    /// </summary>
    public sealed class TestDirectory : IDisposable
    {
        /// <summary>Creates an empty folder under the system temp folder.</summary>
        public TestDirectory()
        {
            FullPath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "OfflineData.Module.Tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(FullPath);
        }

        /// <summary>Full path of the folder.</summary>
        public string FullPath { get; }

        /// <summary>Full path of <paramref name="relativePath"/> inside the folder (the file need not exist).</summary>
        public string Combine(string relativePath) => System.IO.Path.Combine(FullPath, relativePath);

        /// <summary>
        /// Writes <paramref name="content"/> to <paramref name="relativePath"/> (folders created as needed)
        /// and returns its full path. The default encoding is UTF-8 without a byte order mark, the format's encoding.
        /// </summary>
        public string WriteText(string relativePath, string content, Encoding? encoding = null)
        {
            var path = PrepareFile(relativePath);
            File.WriteAllText(path, content, encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return path;
        }

        /// <summary>Writes raw bytes to <paramref name="relativePath"/> and returns its full path.</summary>
        public string WriteBytes(string relativePath, byte[] content)
        {
            var path = PrepareFile(relativePath);
            File.WriteAllBytes(path, content);
            return path;
        }

        /// <summary>Creates a sub-folder and returns its full path.</summary>
        public string CreateDirectory(string relativePath) => Directory.CreateDirectory(Combine(relativePath)).FullName;

        /// <summary>Deletes the folder and its contents.</summary>
        /// <summary>
        /// Whether a file matching <paramref name="pattern"/> in <paramref name="folder"/> has data, for polling from
        /// another thread while a command writes it: a file moved or deleted meanwhile counts as "no".
        /// </summary>
        public static bool AnyFileHasData(string folder, string pattern)
        {
            try
            {
                return Directory.GetFiles(folder, pattern).Any(f => new FileInfo(f).Length > 0);
            }
            catch (IOException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            try
            {
                if (Directory.Exists(FullPath)) Directory.Delete(FullPath, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open (e.g. by a failed test's reader on Windows) must not turn a
                // passing test into a failing one; the folder lives under the temp folder anyway.
            }
            catch (UnauthorizedAccessException)
            {
                // Same reason as above: cleanup is best effort.
            }
        }

        private string PrepareFile(string relativePath)
        {
            var path = Combine(relativePath);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            return path;
        }
    }
}
