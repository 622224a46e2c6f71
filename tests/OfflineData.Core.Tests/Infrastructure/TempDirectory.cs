using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace OfflineData.Core.Tests.Infrastructure
{
    /// <summary>A folder per test for the small files the tests make; deleted afterwards.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            FullName = Path.Combine(Path.GetTempPath(), "offlinedata-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(FullName);
        }

        public string FullName { get; }

        public string Combine(string name) => Path.Combine(FullName, name);

        /// <summary>Writes text as UTF-8 without a byte order mark.</summary>
        public string WriteText(string name, string content) => WriteBytes(name, new UTF8Encoding(false).GetBytes(content));

        public string WriteBytes(string name, byte[] content)
        {
            var path = Combine(name);
            File.WriteAllBytes(path, content);
            return path;
        }

        /// <summary>Writes a zip with one entry per (name, content) pair; a name ending in '/' is a directory.</summary>
        public string WriteZip(string name, params (string Entry, string Content)[] entries)
        {
            var path = Combine(name);
            using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
            foreach (var (entry, content) in entries)
            {
                var e = zip.CreateEntry(entry);
                if (entry.EndsWith("/", StringComparison.Ordinal)) continue;
                using var s = e.Open();
                var bytes = new UTF8Encoding(false).GetBytes(content);
                s.Write(bytes, 0, bytes.Length);
            }

            return path;
        }

        public string WriteGzip(string name, string content)
        {
            var path = Combine(name);
            using var file = File.Create(path);
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            var bytes = new UTF8Encoding(false).GetBytes(content);
            gzip.Write(bytes, 0, bytes.Length);
            return path;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(FullName, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow machine; the temp folder is cleaned by the OS.
            }
        }
    }
}
