using System;
using System.IO;
using System.Linq;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Writing.AdobeDataSources;
using Xunit;
using static OfflineData.Core.Tests.AdobeDataSources.AdobeTestRows;

namespace OfflineData.Core.Tests.AdobeDataSources
{
    /// <summary>Rows read back from an SQLite store write the same Data Sources rows as the file they were imported from.</summary>
    public sealed class AdobeStoredRowTests
    {
        [Fact]
        public void StoredRows_WriteTheSameRowsAsTheirFile()
        {
            using var dir = new TempDirectory();
            var t = new DateTime(2026, 3, 1, 9, 0, 0);
            var path = dir.WriteText("till.csv", string.Join("\n", StoreTestKit.OfflineRow(t, "C1", "T1", var1: "Berlin"), StoreTestKit.OfflineRow(t.AddDays(1), "C2", "T2", var1: "Köln")) + "\n");
            using var store = StoreTestKit.NewStore(dir);
            StoreTestKit.Import(store, path);
            var map = AdobeColumnMap.Default(AdobeTemplate.TransactionId).With("eVar3", AdobeValueSource.Parse("Var1"));

            var fromStore = Path.Combine(dir.FullName, "store");
            var fromFile = Path.Combine(dir.FullName, "file");
            Directory.CreateDirectory(fromStore);
            Directory.CreateDirectory(fromFile);
            using (var writer = new AdobeDataSourceWriter(fromStore, Options(o => o.Map = map)))
            {
                foreach (var row in store.GetOfflineRows(new OfflineRowQuery()).OrderBy(r => r.Timestamp)) Assert.Null(writer.Write(row.Record, row.TransactionId));
                writer.Complete();
            }

            using (var reader = OfflineData.Core.Reading.OfflineDataReader.Open(path))
            using (var writer = new AdobeDataSourceWriter(fromFile, Options(o => o.Map = map)))
            {
                while (reader.Read()) Assert.Null(writer.Write(reader.ToRecord()));
                writer.Complete();
            }

            var stored = File.ReadAllText(Path.Combine(fromStore, "ds_0001.txt"));
            Assert.Equal(File.ReadAllText(Path.Combine(fromFile, "ds_0001.txt")), stored);
            Assert.Contains("03/02/2026/09/00/00\tT2\tSKU1\tCAT\t1\t10\t1\tKöln\n", stored);
        }
    }
}
