using System.Collections.Generic;
using OfflineData.Core.Store;
using OfflineData.Core.Writing;

namespace OfflineData.Core.Exporting
{
    /// <summary>A batch in the offline data format, through the module's own writer (header with the attribute columns the rows carry).</summary>
    internal sealed class OfflineDataBatchWriter : IBatchWriter
    {
        private readonly string path;
        private readonly OfflineDataFileWriter writer;

        public OfflineDataBatchWriter(string path)
        {
            this.path = path;
            // Overwrite: a batch not in the ledger may have been moved into place by a run killed before recording it.
            writer = OfflineDataFileWriter.Create(path, overwrite: true, compress: false, header: true, OfflineDataFileWriter.AttributesFromRows, dryRun: false);
        }

        public long Rows => writer.RowsWritten;

        public long Rejected => 0;

        public IReadOnlyDictionary<string, long> RejectCounts { get; } = new Dictionary<string, long>();

        public void Write(StoredOfflineRow row) => writer.Write(row.Record);

        public IReadOnlyList<string> Commit()
        {
            writer.Commit();
            return new[] { path };
        }

        public void Dispose() => writer.Dispose();
    }
}
