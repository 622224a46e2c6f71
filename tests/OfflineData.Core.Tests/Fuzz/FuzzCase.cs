using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using OfflineData.Core.Tests.Infrastructure;

namespace OfflineData.Core.Tests.Fuzz
{
    /// <summary>
    /// One generated fuzz input: an offline data text with the usual variety (header or not, quoted fields with ';',
    /// doubled quotes and line breaks, blank and separator-only lines, bad values, UTF-8 beyond ASCII, long fields),
    /// mutated, then stored plain, zipped or gzipped — and sometimes mutated again after compression. Everything comes
    /// from the <see cref="Random"/> given, so a seed and a case number replay it exactly.
    /// </summary>
    internal sealed class FuzzCase
    {
        private static readonly string[] Inserts = { "\"", ";", "\r", "\n", "\0", "\r\n", "\"\"", "\";", ";\"", "\n\n\n", ";;;;;;\n" };
        private static readonly string[] Words = { "Malmö", "東京", "😀", "a;b", "say \"\"hi\"\"", "x", "", "  ", "2024-05-25 12:25:43", "-12.50", "1,5" };

        private FuzzCase(int seed, int index, string container, List<string> mutations, byte[] bytes, bool smallLimits, bool mutatesCompressedBytes, long? textLines)
        {
            Seed = seed;
            Index = index;
            Container = container;
            Mutations = mutations;
            Bytes = bytes;
            SmallLimits = smallLimits;
            MutatesCompressedBytes = mutatesCompressedBytes;
            TextLines = textLines;
        }

        public int Seed { get; }
        public int Index { get; }

        /// <summary>plain, zip or gzip.</summary>
        public string Container { get; }

        public List<string> Mutations { get; }
        public byte[] Bytes { get; }

        /// <summary>Read with a 512-byte field and 2 KiB record limit, so the over-long paths are taken by small inputs.</summary>
        public bool SmallLimits { get; }

        /// <summary>Whether the compressed bytes themselves were mutated (not only the text inside).</summary>
        public bool MutatesCompressedBytes { get; }

        /// <summary>The most physical lines a text of the file has (line feeds + 1); null when the compressed bytes were mutated.</summary>
        public long? TextLines { get; }

        public string FileName => $"fuzz-{Seed}-{Index}" + (Container == "zip" ? ".zip" : Container == "gzip" ? ".csv.gz" : ".csv");

        public override string ToString() => $"seed {Seed} case {Index} ({Container}{(SmallLimits ? ", small limits" : string.Empty)}; {(Mutations.Count == 0 ? "no mutation" : string.Join(", ", Mutations))})";

        public static FuzzCase Generate(Random random, int seed, int index)
        {
            var mutations = new List<string>();
            bool smallLimits = random.Next(3) == 0;
            var texts = new List<byte[]> { Mutate(random, Text(random), mutations, compressed: false) };
            string container = new[] { "plain", "zip", "gzip" }[random.Next(3)];
            if (container == "zip" && random.Next(3) == 0) texts.Add(Mutate(random, Text(random), mutations, compressed: false));

            byte[] bytes = container == "zip" ? Zip(texts) : container == "gzip" ? Gzip(texts[0]) : texts[0];
            bool mutateCompressed = container != "plain" && random.Next(3) == 0;
            if (mutateCompressed) bytes = Mutate(random, bytes, mutations, compressed: true);
            long? lines = mutateCompressed ? (long?)null : texts.Max(t => t.LongCount(b => b == (byte)'\n') + 1);
            return new FuzzCase(seed, index, container, mutations, bytes, smallLimits, mutateCompressed, lines);
        }

        /// <summary>A plausible offline data text of 1 to 30 rows.</summary>
        private static byte[] Text(Random random)
        {
            string lineEnd = random.Next(3) == 0 ? "\r\n" : "\n";
            var sb = new StringBuilder();
            if (random.Next(10) == 0) sb.Append('\uFEFF');
            if (random.Next(2) == 0) sb.Append(random.Next(10) == 0 ? Rows.Header.Replace("Customer ID", "Custmer ID") : Rows.Header).Append(lineEnd);
            var written = new List<string>();
            int rows = random.Next(1, 31);
            for (int i = 1; i <= rows; i++)
            {
                string row;
                switch (random.Next(12))
                {
                    case 0: row = string.Empty; break;
                    case 1: row = new string(';', random.Next(1, 22)); break;
                    case 2: row = Rows.Valid(i).Replace("2024-05-25", random.Next(2) == 0 ? "25/05/2024" : "2024-02-30"); break;
                    case 3: row = Rows.Valid(i).Replace(";2;", ";1,5;"); break;
                    case 4: row = $"2024-05-25 12:00:{i % 60:00};C{i};7"; break;
                    case 5: row = written.Count > 0 ? written[random.Next(written.Count)] : Rows.Valid(i); break;
                    case 6: row = Rows.Full(i, "T" + i, Word(random)) + ";\"" + Word(random) + lineEnd + Word(random) + "\""; break;
                    case 7: row = Rows.Valid(i) + ";\"" + new string('q', random.Next(400, 700)) + "\""; break;
                    case 8: row = Rows.Valid(i) + ";\"" + string.Join(lineEnd, Enumerable.Repeat(new string('m', 99), random.Next(15, 30))) + "\";after"; break;
                    default: row = Rows.Full(i, Enumerable.Range(0, random.Next(4)).Select(_ => Word(random)).Select(w => w.Contains(';') || w.Contains('"') ? "\"" + w + "\"" : w).ToArray()); break;
                }

                written.Add(row);
                sb.Append(row);
                if (i < rows || random.Next(4) != 0) sb.Append(lineEnd);
            }

            return new UTF8Encoding(false).GetBytes(sb.ToString());
        }

        private static string Word(Random random) => Words[random.Next(Words.Length)];

        /// <summary>0 to 3 mutations of the text, or 1 to 2 of compressed bytes.</summary>
        private static byte[] Mutate(Random random, byte[] input, List<string> log, bool compressed)
        {
            var bytes = new List<byte>(input);
            int count = compressed ? random.Next(1, 3) : random.Next(0, 4);
            for (int m = 0; m < count && bytes.Count > 0; m++)
            {
                int at = random.Next(bytes.Count);
                string where = compressed ? "compressed byte " : "byte ";
                switch (random.Next(compressed ? 5 : 7))
                {
                    case 0:
                        int bit = random.Next(8);
                        bytes[at] ^= (byte)(1 << bit);
                        log.Add($"flip bit {bit} of {where}{at}");
                        break;
                    case 1:
                        bytes.RemoveRange(at, bytes.Count - at);
                        log.Add($"truncate at {where}{at}");
                        break;
                    case 2:
                        var insert = compressed ? new[] { (byte)random.Next(256) } : System.Text.Encoding.UTF8.GetBytes(Inserts[random.Next(Inserts.Length)]);
                        bytes.InsertRange(at, insert);
                        log.Add($"insert {Show(insert)} at {where}{at}");
                        break;
                    case 3:
                        int from = random.Next(bytes.Count);
                        int length = Math.Min(random.Next(1, 300), bytes.Count - from);
                        bytes.InsertRange(at, bytes.GetRange(from, length));
                        log.Add($"duplicate {length} bytes from {where}{from} at {at}");
                        break;
                    case 4:
                        if (compressed)
                        {
                            var garbage = Enumerable.Range(0, random.Next(1, 40)).Select(_ => (byte)random.Next(256)).ToArray();
                            bytes.AddRange(garbage);
                            log.Add($"append {garbage.Length} random bytes");
                        }
                        else
                        {
                            int drop = Math.Min(random.Next(1, 200), bytes.Count - at);
                            bytes.RemoveRange(at, drop);
                            log.Add($"delete {drop} bytes at {where}{at}");
                        }

                        break;
                    case 5:
                        var run = random.Next(2) == 0
                            ? "\"" + string.Join("\n", Enumerable.Repeat(new string('z', 60), 60)) + "\""
                            : new string('x', 3000);
                        bytes.InsertRange(at, System.Text.Encoding.UTF8.GetBytes(run));
                        log.Add($"insert a {run.Length}-byte {(run[0] == '"' ? "quoted multi-line" : "unbroken")} run at {where}{at}");
                        break;
                    default:
                        bytes[at] = (byte)random.Next(256);
                        log.Add($"replace {where}{at} with 0x{bytes[at]:X2}");
                        break;
                }
            }

            return bytes.ToArray();
        }

        private static string Show(byte[] bytes) => "'" + System.Text.Encoding.UTF8.GetString(bytes).Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0") + "'";

        private static byte[] Zip(List<byte[]> texts)
        {
            using var memory = new MemoryStream();
            using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            {
                for (int i = 0; i < texts.Count; i++)
                {
                    var entry = zip.CreateEntry(i == 0 ? "data.csv" : $"more/day{i + 1}.csv", i == 0 ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                    entry.LastWriteTime = new DateTimeOffset(2024, 5, 25, 12, 0, 0, TimeSpan.Zero); // the same bytes every run
                    using var stream = entry.Open();
                    stream.Write(texts[i], 0, texts[i].Length);
                }
            }

            return memory.ToArray();
        }

        private static byte[] Gzip(byte[] text)
        {
            using var memory = new MemoryStream();
            using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(text, 0, text.Length);
            }

            return memory.ToArray();
        }
    }
}
