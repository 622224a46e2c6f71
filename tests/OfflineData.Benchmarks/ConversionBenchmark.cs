using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using OfflineData.Core;
using OfflineData.Core.Conversion;

namespace OfflineData.Benchmarks
{
    /// <summary>
    /// Measures Convert-OfflineDataFile's core on a generated Swedish till export (comma-separated, Windows-1252,
    /// decimal commas in quoted fields, a few bad rows): MB/s, rows/s and peak working set, plain and gzip source.
    /// Usage: ConversionBenchmark.Run(rows, folder). Prints one line per run.
    /// </summary>
    public static class ConversionBenchmark
    {
        /// <summary>Generates the source (if missing) and converts it twice (cold and warm), then the gzip copy once.</summary>
        public static int Run(long rows, string folder)
        {
            Directory.CreateDirectory(folder);
            var source = Path.Combine(folder, $"till-{rows}.csv");
            if (!File.Exists(source)) Generate(source, rows);
            var gzip = source + ".gz";
            if (!File.Exists(gzip))
            {
                using var input = File.OpenRead(source);
                using var output = new ICSharpCode.SharpZipLib.GZip.GZipOutputStream(File.Create(gzip));
                input.CopyTo(output);
            }

            Console.WriteLine($"source {source}: {new FileInfo(source).Length / 1048576.0:N1} MB, {rows:N0} rows; gzip {new FileInfo(gzip).Length / 1048576.0:N1} MB");
            long textBytes = new FileInfo(source).Length;
            Measure("plain, cold", source, Path.Combine(folder, "out.csv"), textBytes);
            Measure("plain, warm", source, Path.Combine(folder, "out.csv"), textBytes);
            Measure("gzip source, zip output", gzip, Path.Combine(folder, "out.zip"), textBytes);
            return 0;
        }

        // MB/s is of source text (uncompressed), so plain and gzip runs compare.
        internal static void Measure(string label, string source, string destination, long textBytes, OfflineData.Core.Hashing.ColumnHashing? hashing = null)
        {
            var options = new ConversionOptions
            {
                Encoding = SourceEncodings.Resolve("windows-1252"),
                Culture = CultureInfo.GetCultureInfo("sv-SE"),
                TimestampFormats = new[] { "yyyy-MM-dd HH:mm" },
                SourceTimeZone = TimeZoneResolver.Find("Europe/Stockholm"),
                Mapping = ColumnMapping.Create(
                    new System.Collections.Hashtable { ["Timestamp"] = "Datum", ["CustomerId"] = "Kundnummer", ["EventName"] = "Artikelnummer", ["Category"] = "Kategori", ["Num1"] = "Antal", ["Num2"] = "Belopp", ["Var1"] = "Stad", ["Var2"] = "Butik", ["TransactionAttributes"] = new object[] { "Kvittonummer" } },
                    new System.Collections.Hashtable { ["EventType"] = 7 }),
                Overwrite = true,
                RejectPath = destination + ".rejects.csv",
                Hashing = hashing,
            };
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = new OfflineDataConverter(options).Convert(source, destination);
            clock.Stop();
            process.Refresh();
            // Processor time (all threads) is what to compare on a shared machine: wall time varies 2x with other load.
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            double mb = textBytes / 1048576.0;
            Console.WriteLine($"{label,-26} {mb / clock.Elapsed.TotalSeconds,8:N1} MB/s {result.RowsRead / clock.Elapsed.TotalSeconds,12:N0} rows/s  read {result.RowsRead:N0} written {result.RowsWritten:N0} rejected {result.RowsRejected:N0}  {clock.Elapsed.TotalSeconds:N1} s  CPU {cpu:N2} s ({mb / cpu:N1} MB per CPU-s)  peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MB");
        }

        internal static void Generate(string path, long rows)
        {
            SourceEncodings.EnsureCodePagesRegistered();
            var cities = new[] { "Malmö", "Göteborg", "Stockholm", "Örebro", "Umeå", "Västerås" };
            var categories = new[] { "Skor", "Väskor", "Tröjor", "Hem & Kök", "Strumpor \"3-pack\"" };
            var random = new Random(42);
            var start = new DateTime(2024, 1, 1, 8, 0, 0);
            using var writer = new StreamWriter(path, false, Encoding.GetEncoding(1252), 1 << 16) { NewLine = "\r\n" };
            writer.WriteLine("Datum,Kundnummer,Butik,Stad,Artikelnummer,Kategori,Antal,Belopp,Kvittonummer,Kassör");
            for (long i = 0; i < rows; i++)
            {
                var when = start.AddMinutes(i % 500000);
                var amount = random.Next(1, 500000) / 100m;
                string belopp = i % 1000 == 999 ? "\"12,50 kr\"" : "\"" + amount.ToString("N2", CultureInfo.GetCultureInfo("sv-SE")).Replace('\u00A0', ' ') + "\"";
                var category = categories[i % categories.Length];
                if (category.Contains("\"")) category = "\"" + category.Replace("\"", "\"\"") + "\"";
                writer.Write(when.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(100000 + (i * 7919 % 900000));
                writer.Write(",\"Butik ");
                writer.Write(i % 40);
                writer.Write(", Centrum\",");
                writer.Write(cities[i % cities.Length]);
                writer.Write(",SKU-");
                writer.Write(i % 9973);
                writer.Write(',');
                writer.Write(category);
                writer.Write(",\"");
                writer.Write(1 + i % 4);
                writer.Write("\",");
                writer.Write(belopp);
                writer.Write(",K");
                writer.Write(i);
                writer.WriteLine(",Åsa");
            }
        }
    }
}
