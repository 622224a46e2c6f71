using System.Collections.Generic;
using System.Linq;
using OfflineData.Core.Store;
using OfflineData.Core.Writing.AdobeDataSources;

namespace OfflineData.Core.Exporting
{
    /// <summary>
    /// A batch as Adobe Data Sources files through Export-AdobeDataSource's writer: its pre-flight refuses rows Adobe
    /// would reject (counted, in the reject file when one is set) and it splits the batch at its size and day limits.
    /// </summary>
    internal sealed class AdobeBatchWriter : IBatchWriter
    {
        private readonly AdobeDataSourceWriter writer;

        public AdobeBatchWriter(string folder, string prefix, AdobeDataSourceOptions? template)
        {
            var options = Copy(template ?? new AdobeDataSourceOptions());
            options.Prefix = prefix;
            options.Overwrite = true;
            options.DryRun = false;
            // Each batch its own reject file (created only when a row is refused), next to its files.
            options.RejectPath = System.IO.Path.Combine(folder, prefix + "_rejected.csv");
            writer = new AdobeDataSourceWriter(folder, options);
        }

        public long Rows => writer.RowsWritten;

        public long Rejected => writer.RowsRejected;

        public IReadOnlyDictionary<string, long> RejectCounts => writer.RejectCounts;

        public void Write(StoredOfflineRow row) => writer.Write(row.Record);

        public IReadOnlyList<string> Commit()
        {
            writer.Complete();
            return writer.Files.Select(f => f.FullName).ToList();
        }

        public void Dispose() => writer.Dispose();

        private static AdobeDataSourceOptions Copy(AdobeDataSourceOptions o) => new AdobeDataSourceOptions
        {
            Template = o.Template,
            Map = o.Map,
            TransactionIdColumn = o.TransactionIdColumn,
            MaxDays = o.MaxDays,
            MaxFileBytes = o.MaxFileBytes,
            MaxRowBytes = o.MaxRowBytes,
            SemicolonReplacement = o.SemicolonReplacement,
            TabOrLineBreakReplacement = o.TabOrLineBreakReplacement,
            Now = o.Now,
        };
    }
}
