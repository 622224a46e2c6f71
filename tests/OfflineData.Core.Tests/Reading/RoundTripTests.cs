using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Core.Reading;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    /// <summary>
    /// Writes random rows the way a correct exporter would (quoting fields that hold ';', '"', CR or LF) and checks
    /// the reader gives back every field and physical line exactly, whatever the read sizes and buffer size.
    /// </summary>
    public class RoundTripTests
    {
        private static readonly string[] Pieces = { "a", "B", "7", " ", ";", "\"", "\n", "\r\n", "\r", "é", "Ö", "😀", "寿", "-", ".", "''", "\t" };

        [Theory]
        [InlineData(1, false, false)]
        [InlineData(2, true, false)]
        [InlineData(3, false, true)]
        [InlineData(4, true, true)]
        public void RandomQuotedRowsReadBackExactly(int seed, bool trickle, bool smallBuffer)
        {
            var random = new Random(seed);
            var rows = new List<string[]>();
            var text = new StringBuilder();
            var lines = new List<long>();
            long line = 1;
            for (int r = 0; r < 1500; r++)
            {
                int extra = random.Next(0, 30);
                var fields = new string[7 + extra];
                fields[0] = $"2024-05-25 12:{r / 60 % 60:00}:{r % 60:00}";
                fields[1] = "C" + r + RandomText(random, 0, 6);
                fields[2] = random.Next(0, 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
                fields[3] = RandomText(random, 0, 8);
                fields[4] = "SKU" + RandomText(random, 0, 12);
                fields[5] = random.Next(-50, 50) + ".5";
                fields[6] = (random.Next(0, 2) == 0 ? "+" : string.Empty) + random.Next(0, 1000);
                for (int i = 7; i < fields.Length; i++) fields[i] = RandomText(random, 0, 20);
                rows.Add(fields);
                lines.Add(line);
                var written = string.Join(";", fields.Select(Quote));
                line += written.Count(c => c == '\n') + 1;
                text.Append(written).Append(random.Next(0, 2) == 0 ? "\n" : "\r\n");
            }

            var bytes = new UTF8Encoding(false).GetBytes(text.ToString());
            Stream stream = trickle ? new TrickleStream(bytes, seed) : new MemoryStream(bytes);
            var options = smallBuffer ? new OfflineDataReaderOptions { MaxFieldLength = 512, MaxRecordLength = 4096 } : null;
            using var reader = OfflineDataReader.Open(stream, "random.csv", options);
            int n = 0;
            while (reader.Read())
            {
                var expected = rows[n];
                Assert.True(reader.Findings.Count == 0, $"row {n + 1}: {string.Join("; ", reader.Findings)}");
                Assert.Equal(lines[n], reader.Line);
                Assert.Equal(expected.Length, reader.FieldCount);
                for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], reader.GetString(i));
                var record = reader.ToRecord();
                Assert.Equal(expected.Skip(22).ToArray(), record.TransactionAttributes);
                n++;
            }

            Assert.Equal(rows.Count, n);
            Assert.Empty(reader.Findings);
        }

        private static string RandomText(Random random, int min, int max)
        {
            var sb = new StringBuilder();
            int count = random.Next(min, max + 1);
            for (int i = 0; i < count; i++) sb.Append(Pieces[random.Next(Pieces.Length)]);
            return sb.ToString();
        }

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ';', '"', '\r', '\n' }) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

        private sealed class TrickleStream : MemoryStream
        {
            private readonly Random random;

            public TrickleStream(byte[] bytes, int seed)
                : base(bytes, writable: false)
            {
                random = new Random(seed);
            }

            public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, random.Next(1, 40)));
        }
    }
}
