using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    /// <summary>
    /// Damaged input of every kind (stray bytes, quotes, separators, line ends, cut rows) must never make the reader
    /// throw, lose its place, or number lines beyond the file: each row and finding stays located.
    /// </summary>
    public class DamagedInputTests
    {
        private static readonly byte[][] Damage =
        {
            new[] { (byte)'"' }, new[] { (byte)';' }, new[] { (byte)'\n' }, new[] { (byte)'\r' }, new byte[] { 0xFF },
            new byte[] { 0xE2, 0x82 }, new[] { (byte)'"', (byte)'"' }, new byte[] { 0 }, System.Text.Encoding.ASCII.GetBytes("\n2024-05-25 12:00:00;"),
        };

        [Theory]
        [InlineData(11)]
        [InlineData(12)]
        [InlineData(13)]
        [InlineData(14)]
        [InlineData(15)]
        [InlineData(16)]
        public void ReaderNeverThrowsAndKeepsLinesInsideTheFile(int seed)
        {
            var random = new Random(seed);
            var clean = new StringBuilder();
            for (int r = 0; r < 400; r++)
            {
                clean.Append($"2024-05-25 12:{r / 60 % 60:00}:{r % 60:00};C{r};7;CAT;\"SKU {r}; x\";1;2.5;\"multi\nline\";")
                     .Append(string.Join(";", Enumerable.Range(0, random.Next(0, 25)).Select(i => "v" + i)))
                     .Append(random.Next(0, 2) == 0 ? "\n" : "\r\n");
            }

            var bytes = new List<byte>(System.Text.Encoding.UTF8.GetBytes(clean.ToString()));
            for (int d = 0; d < 60; d++)
            {
                int at = random.Next(bytes.Count);
                if (random.Next(3) == 0) bytes.RemoveRange(at, Math.Min(random.Next(1, 30), bytes.Count - at));
                else bytes.InsertRange(at, Damage[random.Next(Damage.Length)]);
            }

            var data = bytes.ToArray();
            long physicalLines = data.Count(b => b == (byte)'\n') + 1;
            var options = new OfflineDataReaderOptions { MaxFieldLength = 64, MaxRecordLength = 512 };
            using var reader = OfflineDataReader.Open(new MemoryStream(data), "damaged.csv", options);
            long lastLine = 0;
            long rows = 0;
            var findings = new List<Finding>();
            while (reader.Read())
            {
                rows++;
                Assert.True(reader.Line > lastLine, $"row {rows} on line {reader.Line} after line {lastLine}");
                lastLine = reader.Line;
                Assert.Equal(rows, reader.RowIndex);
                _ = reader.RawRecord;
                for (int i = 0; i < reader.FieldCount; i++) _ = reader.GetString(i);
                if (!reader.RowHasErrors) _ = reader.ToRecord();
                findings.AddRange(reader.Findings);
            }

            findings.AddRange(reader.Findings);
            Assert.True(rows > 300, $"only {rows} rows survived 60 damages");
            Assert.All(findings, f =>
            {
                if (f.Line != null) Assert.InRange(f.Line.Value, 1, physicalLines);
                if (f.ColumnNumber != null) Assert.Equal(OfflineDataSchema.GetColumnName(f.ColumnNumber.Value), f.ColumnName);
                Assert.False(string.IsNullOrWhiteSpace(f.Message));
            });
        }
    }
}
