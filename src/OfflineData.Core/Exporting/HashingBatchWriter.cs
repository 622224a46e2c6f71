using System.Collections.Generic;
using OfflineData.Core.Hashing;
using OfflineData.Core.Store;

namespace OfflineData.Core.Exporting
{
    /// <summary>
    /// Hashes the chosen columns of every row before the format's writer sees it; a row whose value cannot be hashed
    /// (InvalidEmail, InvalidPhone, InvalidName) is not written and counts as rejected, with no raw value anywhere.
    /// </summary>
    internal sealed class HashingBatchWriter : IBatchWriter
    {
        private readonly IBatchWriter inner;
        private readonly ColumnHashing hashing;
        private long rejected;

        public HashingBatchWriter(IBatchWriter inner, ColumnHashing hashing)
        {
            this.inner = inner;
            this.hashing = hashing;
        }

        /// <summary>Rows refused per code.</summary>
        public Dictionary<IdentifierFailure, long> RejectCounts { get; } = new Dictionary<IdentifierFailure, long>();

        public long Rows => inner.Rows;

        public long Rejected => inner.Rejected + rejected;

        public void Write(StoredOfflineRow row)
        {
            if (!hashing.TryHashCopy(row.Record, out var hashed, out var failure, out _))
            {
                rejected++;
                RejectCounts[failure] = RejectCounts.TryGetValue(failure, out var n) ? n + 1 : 1;
                return;
            }

            inner.Write(new StoredOfflineRow(row.Id, row.ImportId, row.ReportSuite, hashed, row.Match, row.Store));
        }

        public IReadOnlyList<string> Commit() => inner.Commit();

        public void Dispose() => inner.Dispose();
    }
}
