using System;
using System.Collections;
using System.IO;
using OfflineData.Core.Conversion;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    public sealed class MappingTests
    {
        private const string Till = "Datum,Kundnummer,Artikel,Antal,Belopp,Butik,Kvitto,Kassör\n2024-05-25 12:00:00,K1,SKU1,2,10.5,Malmö,R-1,Anna\n";

        [Fact]
        public void AnEventTypeConstantThatIsNoWholeNumberIsRefusedUpFrontNotOnEveryRow()
        {
            // -Constant @{ EventType = 'purchase' } rejected every row one by one and ended in NoRowsConverted.
            var e = Assert.Throws<ArgumentException>(() => ColumnMapping.Create(null, new Hashtable { ["EventType"] = "purchase" }));
            Assert.Contains("EventType 'purchase' is not a non-negative whole number", e.Message);
            Assert.Throws<ArgumentException>(() => ColumnMapping.Create(null, new Hashtable { ["Event Type"] = -1 }));
            ColumnMapping.Create(null, new Hashtable { ["EventType"] = 7, ["Category"] = "purchase" });
            ColumnMapping.Create(null, new Hashtable { ["EventType"] = " 12 " });
        }

        [Fact]
        public void NamesConstantsAndTransactionAttributesMap()
        {
            using var dir = new TempDirectory();
            var (result, output) = Convert.Run(dir, "src.csv", Till, o => o.Mapping = ColumnMapping.Create(
                new Hashtable { ["Timestamp"] = "Datum", ["Customer ID"] = "kundnummer", ["EventName"] = "Artikel", ["Num1"] = "Antal", ["Num2"] = 5, ["Var1"] = "Butik", ["TransactionAttributes"] = new object[] { "Kvitto" } },
                new Hashtable { ["EventType"] = 7, ["Category"] = "TILL" }));
            Assert.Equal("2024-05-25 12:00:00;K1;7;TILL;SKU1;2;10.5;Malmö;;;;;;;;;;;;;;;R-1", Convert.DataRows(output)[0]);
            Assert.Equal(new[] { "Kassör" }, result.UnmappedColumns);
            Assert.EndsWith("EventTransaction Attr1\n" + Convert.DataRows(output)[0] + "\n", output);
        }

        [Fact]
        public void UnmappedColumnsBecomeTransactionAttributesOnRequest()
        {
            using var dir = new TempDirectory();
            var (result, output) = Convert.Run(dir, "src.csv", Till, o =>
            {
                o.Mapping = ColumnMapping.Create(
                    new Hashtable { ["Timestamp"] = "Datum", ["CustomerId"] = "Kundnummer", ["EventName"] = "Artikel", ["Num1"] = "Antal", ["Num2"] = "Belopp", ["TransactionAttr1"] = "Kvitto" },
                    new Hashtable { ["EventType"] = 7 });
                o.UnmappedToTransactionAttributes = true;
            });
            Assert.Empty(result.UnmappedColumns);
            Assert.EndsWith(";R-1;Malmö;Anna", Convert.DataRows(output)[0]);
        }

        [Fact]
        public void ASourceWithTheTargetsHeaderNamesMapsItselfInAnyOrder()
        {
            using var dir = new TempDirectory();
            var src = "Num2,Event Name,Time Stamp,Customer ID,Event Type,Num1,EventTransaction Attr1\n10.5,SKU1,2024-05-25 12:00:00,C1,7,2,PUR-9\n";
            var (result, output) = Convert.Run(dir, "src.csv", src);
            Assert.True(result.SourceHadHeader);
            Assert.Equal("2024-05-25 12:00:00;C1;7;;SKU1;2;10.5;;;;;;;;;;;;;;;;PUR-9", Convert.DataRows(output)[0]);
        }

        [Fact]
        public void IndexMapWithoutHeaderDetectsThatThereIsNoHeader()
        {
            using var dir = new TempDirectory();
            var src = "K1,2024-05-25 12:00:00,SKU1,2,10.5\nK2,2024-05-25 12:01:00,SKU2,1,3\n";
            var (result, output) = Convert.Run(dir, "src.csv", src, o => o.Mapping = ColumnMapping.Create(
                new Hashtable { ["Timestamp"] = 2, ["CustomerId"] = 1, ["EventName"] = 3, ["Num1"] = 4, ["Num2"] = 5 }, new Hashtable { ["EventType"] = "7" }));
            Assert.False(result.SourceHadHeader);
            Assert.Equal(2, result.RowsWritten);
            Assert.Equal("2024-05-25 12:00:00;K1;7;;SKU1;2;10.5", Convert.DataRows(output)[0]);
        }

        [Fact]
        public void AMissingSourceColumnNamesTheColumnsThereAre()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", Till);
            var options = new ConversionOptions
            {
                Mapping = ColumnMapping.Create(new Hashtable { ["Timestamp"] = "Date", ["CustomerId"] = "Kundnummer", ["EventName"] = "Artikel", ["Num1"] = "Antal", ["Num2"] = "Belopp" }, new Hashtable { ["EventType"] = 7 }),
            };
            var e = Assert.Throws<ConversionException>(() => new OfflineDataConverter(options).Convert(src, dir.Combine("out.csv")));
            Assert.Equal(ConversionFailure.SourceColumnNotFound, e.Failure);
            Assert.Contains("'Date'", e.Message);
            Assert.Contains("'Datum'", e.Message);
            Assert.False(File.Exists(dir.Combine("out.csv")));
        }

        [Fact]
        public void AnUnmappedMandatoryColumnIsAFileError()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", Till);
            var options = new ConversionOptions { Mapping = ColumnMapping.Create(new Hashtable { ["Timestamp"] = "Datum", ["CustomerId"] = "Kundnummer", ["EventName"] = "Artikel", ["Num1"] = "Antal", ["Num2"] = "Belopp" }, null) };
            var e = Assert.Throws<ConversionException>(() => new OfflineDataConverter(options).Convert(src, dir.Combine("out.csv")));
            Assert.Equal(ConversionFailure.MandatoryColumnUnmapped, e.Failure);
            Assert.Contains("EventType", e.Message);
        }

        [Fact]
        public void ConstantsAloneLeaveTheSelfMappingInPlace()
        {
            using var dir = new TempDirectory();
            var src = "Time Stamp;Customer ID;Event Name;Num1;Num2;Category\n2024-05-25 12:00:00;C1;SKU1;2;10.5;SHOES\n";
            var (_, output) = Convert.Run(dir, "src.csv", src, o => o.Mapping = ColumnMapping.Create(null, new Hashtable { ["EventType"] = 7, ["Category"] = "TILL" }));
            Assert.Equal("2024-05-25 12:00:00;C1;7;TILL;SKU1;2;10.5", Convert.DataRows(output)[0]);

            // Headerless source in target order: the constant fills its column.
            using var dir2 = new TempDirectory();
            var (_, output2) = Convert.Run(dir2, "src.csv", "2024-05-25 12:00:00;C1;;;SKU1;2;10.5\n", o => o.Mapping = ColumnMapping.Create(null, new Hashtable { ["EventType"] = 7 }));
            Assert.Equal("2024-05-25 12:00:00;C1;7;;SKU1;2;10.5", Convert.DataRows(output2)[0]);
        }

        [Theory]
        [InlineData("Timestamp", 1)]
        [InlineData("time stamp", 1)]
        [InlineData("EventNameAttr10", 22)]
        [InlineData("EventName Attr10", 22)]
        [InlineData("TransactionAttr1", 23)]
        [InlineData("EventTransaction Attr3", 25)]
        public void TargetNamesResolve(string name, int number)
        {
            Assert.Equal(number, ColumnMapping.ResolveTarget(name));
        }

        [Fact]
        public void BadMapValuesAreArgumentErrors()
        {
            Assert.Throws<ArgumentException>(() => ColumnMapping.Create(new Hashtable { ["Colour"] = "x" }, null));
            Assert.Throws<ArgumentException>(() => ColumnMapping.Create(new Hashtable { ["Num1"] = 0 }, null));
            Assert.Throws<ArgumentException>(() => ColumnMapping.Create(new Hashtable { ["Num1"] = 1.5 }, null));
            Assert.Throws<ArgumentException>(() => ColumnMapping.Create(new Hashtable { ["EventType"] = 3 }, new Hashtable { ["EventType"] = 7 }));
            Assert.Contains("both name", Assert.Throws<ArgumentException>(() => ColumnMapping.Create(new Hashtable { ["Timestamp"] = 1, ["Time Stamp"] = 2 }, null)).Message);
            Assert.Throws<ArgumentException>(() => ColumnMapping.Create(new Hashtable { ["TransactionAttributes"] = new object[] { 1, 2 }, ["TransactionAttr2"] = 3 }, null));
            Assert.Throws<ArgumentException>(() => ColumnMapping.Create(null, new Hashtable { ["Num1"] = 1, ["num 1"] = 2 }));
        }
    }
}
