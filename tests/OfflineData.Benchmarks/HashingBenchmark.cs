using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using OfflineData.Core.Hashing;

namespace OfflineData.Benchmarks
{
    /// <summary>
    /// Convert with and without hashing one column (issue 12): the conversion benchmark's till export, converted warm
    /// without hashing and with -HashColumn @{ CustomerId = 'Text' } -HashProfile Meta, alternated twice; then the
    /// phone normalisation alone (libphonenumber parse, E.164, SHA-256) on national Swedish numbers.
    /// Usage: <c>dotnet run -c Release --project tests/OfflineData.Benchmarks -- convert-hash [rows] [folder]</c>.
    /// </summary>
    public static class HashingBenchmark
    {
        /// <summary>Runs the comparison; prints one line per run.</summary>
        public static int Run(long rows, string folder)
        {
            Directory.CreateDirectory(folder);
            var source = Path.Combine(folder, $"till-{rows}.csv");
            if (!File.Exists(source)) ConversionBenchmark.Generate(source, rows);
            long textBytes = new FileInfo(source).Length;
            Console.WriteLine($"source {source}: {textBytes / 1048576.0:N1} MB, {rows:N0} rows");
            var hashing = new ColumnHashing(new IdentifierHasher(HashProfile.Meta), new[] { new KeyValuePair<string, IdentifierKind>("CustomerId", IdentifierKind.Text) });
            var destination = Path.Combine(folder, "out.csv");
            ConversionBenchmark.Measure("warm-up (not counted)", source, destination, textBytes);
            for (int round = 1; round <= 2; round++)
            {
                ConversionBenchmark.Measure($"no hashing, run {round}", source, destination, textBytes);
                ConversionBenchmark.Measure($"CustomerId hashed, run {round}", source, destination, textBytes, hashing);
            }

            Phones(Math.Min(rows, 1_000_000));
            return 0;
        }

        private static void Phones(long count)
        {
            var hasher = new IdentifierHasher(HashProfile.Google, HashEncoding.Hex, "SE");
            hasher.Hash("070-123 45 67", IdentifierKind.Phone); // loads the metadata
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            long length = 0;
            for (long i = 0; i < count; i++)
            {
                var national = "070-" + (1000000 + (i * 7919 % 9000000)).ToString(CultureInfo.InvariantCulture).Insert(3, " ").Insert(6, " ");
                length += hasher.Hash(national, IdentifierKind.Phone).Length;
            }

            clock.Stop();
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            Console.WriteLine($"{"phones alone (Google, SE)",-26} {count / clock.Elapsed.TotalSeconds,12:N0} phones/s  {count:N0} in {clock.Elapsed.TotalSeconds:N1} s  CPU {cpu:N2} s  ({length / 64:N0} hashes)");
        }
    }
}
