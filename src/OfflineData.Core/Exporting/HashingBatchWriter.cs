using System;
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

        private readonly Dictionary<string, long> ownCounts = new Dictionary<string, long>(StringComparer.Ordinal);

        /// <summary>Rows refused per code: the hashing's (InvalidEmail, InvalidPhone, InvalidName) and the inner writer's (the Adobe pre-flight's).</summary>
        public IReadOnlyDictionary<string, long> RejectCounts
        {
            get
            {
                var all = new SortedDictionary<string, long>(ownCounts, StringComparer.Ordinal);
                foreach (var pair in inner.RejectCounts) all[pair.Key] = (all.TryGetValue(pair.Key, out var n) ? n : 0) + pair.Value;
                return all;
            }
        }

        public long Rows => inner.Rows;

        public long Rejected => inner.Rejected + rejected;

        public void Write(StoredOfflineRow row)
        {
            if (!hashing.TryHashCopy(row.Record, out var hashed, out var failure, out _))
            {
                rejected++;
                var code = failure.ToString();
                ownCounts[code] = ownCounts.TryGetValue(code, out var n) ? n + 1 : 1;
                return;
            }

            inner.Write(new StoredOfflineRow(row.Id, row.ImportId, row.ReportSuite, hashed, row.Match, row.Store));
        }

        public IReadOnlyList<string> Commit() => inner.Commit();

        public void Dispose() => inner.Dispose();
    }
}
