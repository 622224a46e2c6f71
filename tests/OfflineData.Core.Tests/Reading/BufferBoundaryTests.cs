using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    /// <summary>Records that straddle read boundaries must split, decode and count lines exactly as small ones do.</summary>
    public class BufferBoundaryTests
    {
        private const int RowCount = 3000;

        /// <summary>Row i: a quoted Event Name with ';' and doubled quotes, and every 3rd row a Var1 with a CRLF inside quotes.</summary>
        private static (string Text, long[] Lines, string[] Names, string?[] Var1) Build(bool withBom = false)
        {
            var sb = new StringBuilder();
            var lines = new long[RowCount];
            var names = new string[RowCount];
            var var1 = new string?[RowCount];
            long line = 1;
            sb.Append(Rows.Header).Append("\r\n");
            line++;
            for (int i = 0; i < RowCount; i++)
            {
                lines[i] = line;
                names[i] = $"SKU {i}; size \"L\"";
                var1[i] = i % 3 == 0 ? $"street {i}\r\nfloor {i % 7}" : null;
                sb.Append($"2024-05-25 12:{i / 60 % 60:00}:{i % 60:00};C{i};7;;\"SKU {i}; size \"\"L\"\"\";{i};{i}.25");
                if (var1[i] != null)
                {
                    sb.Append(";\"").Append(var1[i]).Append('"');
                    line++;
                }

                sb.Append(i % 2 == 0 ? "\n" : "\r\n");
                line++;
            }

            return (sb.ToString(), lines, names, var1);
        }

        [Theory]
        [InlineData(false, false)]
        [InlineData(true, false)]
        [InlineData(false, true)]
        [InlineData(true, true)]
        public void EveryRowSplitsAndDecodesExactly(bool trickle, bool smallBuffer)
        {
            var (text, lines, names, var1) = Build();
            var bytes = new UTF8Encoding(false).GetBytes(text);
            Assert.True(bytes.Length > 70 * 1024, "the file must be larger than the small read buffer");
            var options = smallBuffer ? new OfflineDataReaderOptions { MaxFieldLength = 256, MaxRecordLength = 1024 } : null;
            Stream stream = trickle ? new TrickleStream(bytes) : new MemoryStream(bytes);

            using var reader = OfflineDataReader.Open(stream, "mem.csv", options);
            int i = 0;
            while (reader.Read())
            {
                Assert.True(reader.Findings.Count == 0, $"row {i}: " + string.Join("; ", reader.Findings));
                Assert.Equal(lines[i], reader.Line);
                Assert.Equal(i + 1, reader.RowIndex);
                var record = reader.ToRecord();
                Assert.Equal(names[i], record.EventName);
                Assert.Equal(var1[i], record.Var1);
                Assert.Equal(i + 0.25m, record.Num2);
                i++;
            }

            Assert.Equal(RowCount, i);
            Assert.Empty(reader.Findings);
            Assert.Equal(1, reader.HeaderRows);
        }

        [Fact]
        public void ErrorsFarIntoALargeFileKeepTheirLines()
        {
            var (text, lines, _, _) = Build();
            // Break row 2500's Num1 and open a quote in row 2701's Num2 that is never closed.
            var rows = text.Split('\n').ToList();
            int Physical(int row) => (int)lines[row] - 1;
            rows[Physical(2500)] = rows[Physical(2500)].Replace(";2500;", ";25,00;");
            rows[Physical(2701)] = rows[Physical(2701)].Replace(";2701.25", ";\"2701.25");
            var bytes = new UTF8Encoding(false).GetBytes(string.Join("\n", rows));

            using var reader = OfflineDataReader.Open(new TrickleStream(bytes), "mem.csv", new OfflineDataReaderOptions { MaxFieldLength = 256, MaxRecordLength = 1024 });
            var findings = new List<Finding>();
            var seenLines = new List<long>();
            while (reader.Read())
            {
                findings.AddRange(reader.Findings);
                seenLines.Add(reader.Line);
            }

            Assert.Equal(lines, seenLines);
            Assert.Equal(lines[2500], Assert.Single(findings, f => f.CodeValue == FindingCode.InvalidNumber).Line);
            var unclosed = Assert.Single(findings, f => f.CodeValue == FindingCode.UnclosedQuote);
            Assert.Equal(lines[2701], unclosed.Line);
            Assert.Equal("Num2", unclosed.ColumnName);
            Assert.Equal(2, findings.Count);
        }

        /// <summary>A seekable stream that hands out 1 to 7 bytes per read, so every boundary case happens.</summary>
        private sealed class TrickleStream : MemoryStream
        {
            private int turn;

            public TrickleStream(byte[] bytes)
                : base(bytes, writable: false)
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1 + (turn++ % 7)));
        }
    }
}
