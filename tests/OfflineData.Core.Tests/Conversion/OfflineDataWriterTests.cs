using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using OfflineData.Core.Conversion;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Writing;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    public sealed class OfflineDataWriterTests
    {
        private static OfflineDataRecord Record(string eventName = "SKU") => new OfflineDataRecord
        {
            Timestamp = new DateTime(2024, 5, 25, 12, 25, 43),
            CustomerId = "C1",
            EventType = 7,
            EventName = eventName,
            Num1 = 2m,
            Num2 = 12.50m,
        };

        [Theory]
        [InlineData("plain", "plain")]
        [InlineData("a;b", "\"a;b\"")]
        [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
        [InlineData("two\nlines", "\"two\nlines\"")]
        [InlineData("cr\ronly", "\"cr\ronly\"")]
        [InlineData("comma, is fine", "comma, is fine")]
        public void QuotesOnlyWhereNeeded(string value, string written)
        {
            Assert.Equal("2024-05-25 12:25:43;C1;7;;" + written + ";2;12.50", OfflineDataWriter.FormatRow(Record(value)));
        }

        [Fact]
        public void TrailingEmptyOptionalFieldsAreLeftOutButInnerOnesKeepTheirSeparators()
        {
            var r = Record();
            r.Var2 = "BU1";
            Assert.Equal("2024-05-25 12:25:43;C1;7;;SKU;2;12.50;;BU1", OfflineDataWriter.FormatRow(r));
            r.TransactionAttributes = new[] { "PUR-1", "", "" };
            Assert.Equal("2024-05-25 12:25:43;C1;7;;SKU;2;12.50;;BU1;;;;;;;;;;;;;;PUR-1", OfflineDataWriter.FormatRow(r));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void AFileWriterCanNameAsManyAttributeColumnsInTheHeaderAsTheWidestRowCarries(bool compress)
        {
            using var dir = new TempDirectory();
            var path = dir.Combine(compress ? "out.zip" : "out.csv");
            using (var file = OfflineDataFileWriter.Create(path, overwrite: false, compress, header: true, OfflineDataFileWriter.AttributesFromRows, dryRun: false))
            {
                var narrow = Record();
                narrow.TransactionAttributes = new[] { "P1" };
                var wide = Record();
                wide.TransactionAttributes = new[] { "P2", "", "X", "" };
                file.Write(narrow);
                file.Write(wide);
                file.Write(Record());
                file.Commit();
            }

            string text;
            if (compress)
            {
                using var zip = new ICSharpCode.SharpZipLib.Zip.ZipFile(path);
                using var reader = new StreamReader(zip.GetInputStream(zip.GetEntry("out.csv")));
                text = reader.ReadToEnd();
            }
            else
            {
                text = File.ReadAllText(path);
            }

            Assert.Equal(
                Rows.Header + ";EventTransaction Attr1;EventTransaction Attr2;EventTransaction Attr3\n"
                + "2024-05-25 12:25:43;C1;7;;SKU;2;12.50;;;;;;;;;;;;;;;;P1\n"
                + "2024-05-25 12:25:43;C1;7;;SKU;2;12.50;;;;;;;;;;;;;;;;P2;;X\n"
                + "2024-05-25 12:25:43;C1;7;;SKU;2;12.50\n",
                text);
            Assert.Single(Directory.GetFiles(dir.FullName, "*", SearchOption.AllDirectories));
        }

        [Theory]
        [InlineData("out.csv")]
        [InlineData("out")]
        [InlineData("out.csv.gz")]
        public void CompressWithANameOtherThanZipIsRefusedAndNothingIsCreated(string name)
        {
            // Zip bytes under a .csv name would be taken for text by the next tool in the chain.
            using var dir = new TempDirectory();
            var path = dir.Combine(name);
            var e = Assert.Throws<ConversionException>(() => OfflineDataFileWriter.Create(path, overwrite: false, compress: true, header: true, 0, dryRun: false));
            Assert.Equal(ConversionFailure.InvalidArgument, e.Failure);
            Assert.Contains(".zip", e.Message);
            Assert.DoesNotContain("or use -Compress", e.Message); // -Compress alone never fixes the name
            Assert.False(File.Exists(path));
            Assert.Empty(Directory.GetFileSystemEntries(dir.FullName));
        }

        [Fact]
        public void WritesUtf8WithoutBomAndLfLineEnds()
        {
            using var stream = new MemoryStream();
            using (var w = new OfflineDataWriter(stream))
            {
                w.WriteHeader(2);
                var r = Record("Malmö");
                w.Write(r);
            }

            var bytes = stream.ToArray();
            Assert.NotEqual(0xEF, bytes[0]);
            var text = new UTF8Encoding(false, true).GetString(bytes);
            Assert.Equal(Rows.Header + ";EventTransaction Attr1;EventTransaction Attr2\n2024-05-25 12:25:43;C1;7;;Malmö;2;12.50\n", text);
        }

        [Fact]
        public void WhatTheWriterWritesTheReaderReadsBackFieldForField()
        {
            using var dir = new TempDirectory();
            var records = new List<OfflineDataRecord>();
            for (int i = 0; i < 50; i++)
            {
                var r = Record(i % 3 == 0 ? "a;\"b\"\r\nc" : "SKU" + i);
                r.Num2 = i * 1.25m - 7;
                r.Category = i % 2 == 0 ? null : "CAT";
                r.EventNameAttr10 = i % 5 == 0 ? "last" : null;
                r.TransactionAttributes = i % 4 == 0 ? new[] { "PUR-" + i, "x;y" } : Array.Empty<string>();
                records.Add(r);
            }

            var path = dir.Combine("out.zip");
            using (var w = OfflineDataFileWriter.Create(path, overwrite: false, compress: false, header: true, transactionAttributes: 2, dryRun: false))
            {
                foreach (var r in records) w.Write(r);
                w.Commit();
            }

            using var reader = OfflineDataReader.Open(path, new OfflineDataReaderOptions { Now = new DateTime(2100, 1, 1) });
            int k = 0;
            while (reader.Read())
            {
                Assert.False(reader.RowHasErrors, string.Join("; ", reader.Findings));
                var back = reader.ToRecord();
                var expected = records[k++];
                for (int n = 1; n <= OfflineDataSchema.NamedColumnCount; n++)
                {
                    Assert.Equal(expected.GetText(n) ?? string.Empty, back.GetText(n) ?? string.Empty);
                }

                Assert.Equal(expected.TransactionAttributes, back.TransactionAttributes);
            }

            Assert.Equal(records.Count, k);
        }
    }
}
