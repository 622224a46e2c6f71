using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace OfflineData.Benchmarks
{
    /// <summary>
    /// Writes a deterministic, realistic offline data file: mostly valid store purchases (Windows CRLF line
    /// ends, UTF-8 city names), quoted descriptions holding ';', doubled quotes and line breaks, empty and
    /// omitted optional columns, transaction attributes on about a third of the rows, and about one row in
    /// a thousand invalid (impossible or misformatted timestamps, '1,5' numbers, bad event types, empty
    /// mandatory cells) plus a few exact duplicates, so every check of the validator runs as in real life.
    /// </summary>
    internal static class DataGenerator
    {
        /// <summary>The seed every benchmark file is made from, so runs compare the same bytes.</summary>
        public const int Seed = 20140525;

        private static readonly string[] Categories = { "ELEC", "HOME", "GARDEN", "TOYS", "FOOD", "SPORT", "BOOKS", "BEAUTY", "FASHION" };
        private static readonly string[] Cities = { "Stockholm", "Göteborg", "Malmö", "Uppsala", "København", "Oslo", "Zürich", "Łódź", "São Paulo", "Berlin", "New York", "Köln" };
        private static readonly string[] Units = { "Retail", "Outlet", "Call Centre", "Franchise", "Click & Collect" };
        private static readonly string[] Payments = { "card", "cash", "invoice", "gift card", "swish" };
        private static readonly string[] Brands = { "Nordic Home", "ACME", "Fjällräven", "Philips", "Lego", "Bosch", "Samsung", "Ikea" };
        private static readonly string[] Sizes = { "S", "M", "L", "XL", "42", "1 kg", "500 ml", "55 inch" };
        private static readonly string[] Products = {
            "Organic cotton T-shirt, crew neck, navy blue", "Espresso machine with milk frother, stainless steel", "Garden hose 25 m with spray nozzle",
            "Building set: harbour with 3 boats (1,024 pieces)", "Dark roast coffee beans 1 kg, fair trade", "Trail running shoes, waterproof",
            "Paperback novel (Swedish edition)", "Hydrating face cream 50 ml, SPF 15",
        };

        /// <summary>Writes <paramref name="rows"/> data rows after a header row; returns the bytes written.</summary>
        public static long WritePlain(string path, long rows)
        {
            var random = new Random(Seed);
            var row = new StringBuilder(512);
            var previous = string.Empty;
            var start = new DateTime(2025, 1, 1, 8, 0, 0);
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20))
            {
                writer.NewLine = "\r\n";
                writer.WriteLine("Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2;Var1;Var2;Var3;Var4;Var5;"
                    + "EventName Attr1;EventName Attr2;EventName Attr3;EventName Attr4;EventName Attr5;EventName Attr6;"
                    + "EventName Attr7;EventName Attr8;EventName Attr9;EventName Attr10;EventTransaction Attr1");
                for (long i = 0; i < rows; i++)
                {
                    // A till that sends the same line twice: an exact duplicate (a warning).
                    if (i > 0 && random.Next(2000) == 0)
                    {
                        writer.WriteLine(previous);
                        continue;
                    }

                    row.Clear();
                    AppendRow(row, random, start, i);
                    previous = row.ToString();
                    writer.WriteLine(previous);
                }
            }

            return new FileInfo(path).Length;
        }

        /// <summary>Zips <paramref name="plainPath"/> as one Deflate entry (what Windows and most tools write).</summary>
        public static void WriteZip(string plainPath, string zipPath)
        {
            using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
            zip.CreateEntryFromFile(plainPath, Path.GetFileName(plainPath), CompressionLevel.Optimal);
        }

        /// <summary>Gzips <paramref name="plainPath"/> (a nightly export as it often arrives).</summary>
        public static void WriteGzip(string plainPath, string gzipPath)
        {
            using var input = File.OpenRead(plainPath);
            using var output = File.Create(gzipPath);
            using var gzip = new GZipStream(output, CompressionLevel.Optimal);
            input.CopyTo(gzip, 1 << 20);
        }

        private static void AppendRow(StringBuilder row, Random random, DateTime start, long index)
        {
            // About one row in a thousand is broken in one of the ways real exports break.
            int fault = random.Next(1000) == 0 ? 1 + random.Next(6) : 0;

            // About a row every 29 seconds, wrapping within 300 days so no file, however long, reaches the future.
            var timestamp = start.AddSeconds(((index * 29) + random.Next(29)) % (300L * 24 * 3600));
            switch (fault)
            {
                case 1: row.Append(timestamp.Year).Append("-02-30 ").Append(timestamp.ToString("HH:mm:ss", CultureInfo.InvariantCulture)); break; // not a real date
                case 2: row.Append(timestamp.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture)); break; // a local format
                default: row.Append(timestamp.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)); break;
            }

            row.Append(';');
            if (fault == 6)
            {
                // An empty Customer ID.
            }
            else if (random.Next(5) == 0)
            {
                // A SHA-256 hashed identifier, as privacy-aware exports send.
                for (int k = 0; k < 8; k++) row.Append(random.Next().ToString("x8", CultureInfo.InvariantCulture));
            }
            else
            {
                row.Append("CUST-").Append(random.Next(10_000_000).ToString("D7", CultureInfo.InvariantCulture));
            }

            row.Append(';');
            if (fault == 5) row.Append("seven");
            else row.Append(random.Next(20) switch { 0 => 2, 1 => 12, _ => 7 });

            row.Append(';');
            if (random.Next(5) != 0) row.Append(Categories[random.Next(Categories.Length)]);

            row.Append(";SKU-").Append(random.Next(1_000_000).ToString("D6", CultureInfo.InvariantCulture)).Append(';');

            decimal quantity = random.Next(10) == 0 ? random.Next(100, 3000) / 1000m : random.Next(1, 6);
            decimal price = random.Next(100, 250_000) / 100m;
            if (fault == 3) row.Append(quantity.ToString(CultureInfo.InvariantCulture).Replace('.', ',')).Append(",5"); // a decimal comma
            else row.Append(quantity.ToString(CultureInfo.InvariantCulture));
            row.Append(';');
            if (fault == 4) row.Append((quantity * price).ToString("F2", CultureInfo.GetCultureInfo("sv-SE"))); // 1234,50
            else row.Append((quantity * price).ToString("F2", CultureInfo.InvariantCulture));

            // Var1..Var5: city, business unit, store, payment, an occasional note.
            row.Append(';').Append(Cities[random.Next(Cities.Length)]);
            row.Append(';').Append(Units[random.Next(Units.Length)]);
            row.Append(';');
            if (random.Next(5) != 0) row.Append('S').Append(random.Next(1000).ToString("D4", CultureInfo.InvariantCulture));
            row.Append(';');
            if (random.Next(4) != 0) row.Append(Payments[random.Next(Payments.Length)]);
            row.Append(';');
            if (random.Next(25) == 0) row.Append("\"Returned; exchanged for size M\"");

            bool attributes = random.Next(100) < 35;
            int shape = random.Next(100);
            if (shape < 15 && !attributes)
            {
                // Trailing optional columns omitted altogether.
                return;
            }

            // EventName Attr1..10: description (sometimes quoted with ';', doubled quotes or a line break), brand, size, rest mostly empty.
            row.Append(';');
            int description = random.Next(100);
            string product = Products[random.Next(Products.Length)];
            if (description < 8) row.Append('"').Append(product).Append("; ").Append(Sizes[random.Next(Sizes.Length)]).Append('"');
            else if (description < 11) row.Append("\"TV 55\"\" 4K; \"\"Smart\"\" edition\"");
            else if (description < 13) row.Append("\"Gift wrap\nMessage: Happy birthday, ").Append(Cities[random.Next(Cities.Length)]).Append("!\"");
            else if (description < 80) row.Append(product);
            row.Append(';').Append(Brands[random.Next(Brands.Length)]);
            row.Append(';').Append(Sizes[random.Next(Sizes.Length)]);
            int lastNamed = attributes || shape < 60 ? 10 : 3 + random.Next(4);
            for (int k = 4; k <= lastNamed; k++)
            {
                row.Append(';');
                if (k == 4 && random.Next(3) != 0) row.Append("spring-campaign-2025-").Append(random.Next(40));
                if (k == 5 && random.Next(3) == 0) row.Append("loyalty-gold");
            }

            if (!attributes) return;

            // EventTransaction attributes: the purchase ID, then sometimes a coupon and a channel.
            row.Append(";ORD-2025-").Append(random.Next(100_000_000).ToString("D8", CultureInfo.InvariantCulture));
            int more = random.Next(4);
            if (more >= 2) row.Append(";COUPON-").Append(random.Next(500));
            if (more == 3) row.Append(";web");
        }
    }
}
