using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Import
{
    /// <summary>
    /// Writes rejected rows, with where they were and why, to a semicolon-separated UTF-8 file:
    /// <c>Line;Entry;Row;Codes;Messages;Record</c>, the raw record last and quoted, so nothing rejected is lost.
    /// The file is written under a temporary <c>.partial</c> name and only gets its final name just before the import
    /// commits. Neither name ever replaces an existing file: when a name is taken (another store sharing the folder,
    /// an orphan of a killed import) the next free one is used (<c>-2</c>, <c>-3</c>, ... before <c>.rejected.csv</c>).
    /// </summary>
    internal sealed class QuarantineWriter : IDisposable
    {
        public const string Header = "Line;Entry;Row;Codes;Messages;Record";

        /// <summary>How every quarantine file name ends.</summary>
        public const string Extension = ".rejected.csv";

        private const string PartialExtension = ".partial";

        // File names are limited to 255 bytes (ext4, XFS) or 255 UTF-16 units (NTFS; never more than UTF-8 bytes):
        // leave room for ".partial" and a "-NNNN" collision suffix.
        internal const int MaxNameBytes = 240;
        private const int MaxStoreNameChars = 32;
        private const int MaxAttempts = 1000;

        private readonly string directory;
        private readonly string baseName;
        private readonly Func<string, Stream> openNew;
        private string? partialPath;
        private StreamWriter? writer;
        private bool kept;

        /// <summary>
        /// A writer for the rejected rows of one import, in <paramref name="directory"/>, named from
        /// <paramref name="baseName"/> (see <see cref="NameFor"/>). <paramref name="openNew"/> opens a new file and
        /// fails when it exists (a test seam for a full disk; default: <see cref="FileMode.CreateNew"/>).
        /// </summary>
        public QuarantineWriter(string directory, string baseName, Func<string, Stream>? openNew = null)
        {
            this.directory = directory;
            this.baseName = baseName;
            this.openNew = openNew ?? (path => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read));
        }

        /// <summary>The final path, once <see cref="Complete"/> has given the file its name; else null.</summary>
        public string? FinalPath { get; private set; }

        public bool HasRows => writer != null;

        /// <summary>
        /// The base name (without <see cref="Extension"/>) of an import's quarantine file:
        /// <c>&lt;import id&gt;-&lt;store name&gt;-&lt;UTC start&gt;-&lt;file name&gt;</c>. The store's name keeps stores that
        /// share a folder apart, the start time keeps apart two imports that got the same id (an import killed before
        /// it committed gives its id to the next one). A file name that would make the name too long for the file
        /// system is cut and ends in <c>~</c> and 8 hex digits of its SHA-256, so it stays distinct.
        /// </summary>
        public static string NameFor(long importId, string? storeName, DateTime startedUtc, string fileName)
        {
            var store = string.IsNullOrEmpty(storeName) ? "store" : storeName!;
            store = CutToChars(store, MaxStoreNameChars);
            var prefix = string.Format(CultureInfo.InvariantCulture, "{0}-{1}-{2:yyyyMMdd'T'HHmmss'Z'}-", importId, store, startedUtc);
            int budget = MaxNameBytes - Utf8(prefix) - Utf8(Extension);
            if (Utf8(fileName) <= budget) return prefix + fileName;

            string hash;
            using (var sha = SHA256.Create())
            {
                hash = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(fileName)), 0, 4).Replace("-", string.Empty).ToLowerInvariant();
            }

            return prefix + CutToBytes(fileName, budget - 9) + "~" + hash;
        }

        /// <exception cref="QuarantineException">The file could not be created or written (disk full, access denied).</exception>
        public void Write(long line, string? entry, long row, IEnumerable<Finding> errors, string rawRecord)
        {
            try
            {
                if (writer == null) writer = Start();
                var list = errors.ToList();
                writer.Write(line.ToString(CultureInfo.InvariantCulture));
                writer.Write(';');
                writer.Write(Quote(entry ?? string.Empty));
                writer.Write(';');
                writer.Write(row.ToString(CultureInfo.InvariantCulture));
                writer.Write(';');
                writer.Write(Quote(string.Join(",", list.Select(f => "OD" + f.CodeNumber.ToString(CultureInfo.InvariantCulture) + " " + f.Code))));
                writer.Write(';');
                writer.Write(Quote(string.Join(" | ", list.Select(f => (f.ColumnName != null ? f.ColumnName + ": " : string.Empty) + f.Message))));
                writer.Write(';');
                writer.WriteLine(Quote(rawRecord));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw Failed(Path.Combine(directory, baseName + Extension), e);
            }
        }

        /// <summary>Closes the file and gives it its final name: the first free one, never replacing a file.</summary>
        /// <exception cref="QuarantineException">The file could not be finished or named.</exception>
        public void Complete()
        {
            if (writer == null) return;
            try
            {
                writer.Dispose(); // flushes: a full disk shows here
                writer = null;
                for (int attempt = 1; attempt <= MaxAttempts; attempt++)
                {
                    var candidate = Path.Combine(directory, Candidate(attempt));
                    if (File.Exists(candidate)) continue;
                    try
                    {
                        // File.Move never replaces an existing file; if another process took the name since, try the next.
                        File.Move(partialPath!, candidate);
                        FinalPath = candidate;
                        return;
                    }
                    catch (IOException) when (File.Exists(candidate) && File.Exists(partialPath!))
                    {
                    }
                }

                throw new IOException($"No free name after {MaxAttempts} attempts.");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw Failed(Path.Combine(directory, baseName + Extension), e);
            }
        }

        /// <summary>The import committed: the quarantine file stays.</summary>
        public void Keep() => kept = true;

        /// <summary>
        /// Removes what an import that did not commit wrote: the partial file, or the named file when the commit
        /// failed after <see cref="Complete"/>. Best effort: a leftover <c>.partial</c> is never mistaken for a quarantine file.
        /// </summary>
        public void Dispose()
        {
            if (writer != null)
            {
                try
                {
                    writer.Dispose();
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // The flush failed (full disk); the file is deleted below anyway.
                }

                writer = null;
            }

            TryDelete(partialPath);
            if (!kept && FinalPath != null)
            {
                TryDelete(FinalPath);
                FinalPath = null;
            }
        }

        private StreamWriter Start()
        {
            Directory.CreateDirectory(directory);
            for (int attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var path = Path.Combine(directory, Candidate(attempt) + PartialExtension);
                Stream stream;
                try
                {
                    stream = openNew(path);
                }
                catch (IOException) when (File.Exists(path))
                {
                    continue; // another import (of another store, or a killed one) has this name
                }

                partialPath = path;
                var started = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
                started.WriteLine(Header);
                return started;
            }

            throw new IOException($"No free name after {MaxAttempts} attempts.");
        }

        private string Candidate(int attempt) =>
            attempt == 1 ? baseName + Extension : baseName + "-" + attempt.ToString(CultureInfo.InvariantCulture) + Extension;

        private QuarantineException Failed(string path, Exception e)
        {
            // .NET appends " : 'path'" to some I/O messages; the path is named once, as the final name.
            var reason = e.Message;
            if (partialPath != null) reason = reason.Replace($" : '{partialPath}'", string.Empty).Replace($"'{partialPath}'", "its temporary file");
            return new QuarantineException($"Cannot write the quarantine file '{path}' for the rejected rows: {reason.TrimEnd('.')}", e);
        }

        private static void TryDelete(string? path)
        {
            if (path == null) return;
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Best effort, see Dispose.
            }
        }

        private static int Utf8(string text) => Encoding.UTF8.GetByteCount(text);

        private static string CutToChars(string text, int maxChars)
        {
            if (text.Length <= maxChars) return text;
            int end = maxChars;
            if (char.IsHighSurrogate(text[end - 1])) end--;
            return text.Substring(0, end);
        }

        /// <summary>The longest prefix of <paramref name="text"/> of at most <paramref name="maxBytes"/> UTF-8 bytes, never splitting a surrogate pair.</summary>
        private static string CutToBytes(string text, int maxBytes)
        {
            int bytes = 0;
            int i = 0;
            while (i < text.Length)
            {
                int width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                int size = Encoding.UTF8.GetByteCount(text.ToCharArray(i, width));
                if (bytes + size > maxBytes) break;
                bytes += size;
                i += width;
            }

            return text.Substring(0, i);
        }

        private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
