using System;
using System.Collections.Generic;
using OfflineData.Core.Import;
using OfflineData.Core.Store;

namespace OfflineData.Core.Tests.Infrastructure
{
    /// <summary>An import observer that keeps everything it is told, and can run code at a given row.</summary>
    public sealed class CollectingObserver : IImportObserver
    {
        public List<string> Warnings { get; } = new List<string>();

        public List<string> VerboseMessages { get; } = new List<string>();

        public List<StoredOfflineRow> Rows { get; } = new List<StoredOfflineRow>();

        public List<(long Read, long Total)> ProgressReports { get; } = new List<(long, long)>();

        public bool KeepRows { get; set; }

        /// <summary>Called with the row count after each matched row (the child process pauses here to be killed).</summary>
        public Action<long>? AfterRow { get; set; }

        private long rows;

        public bool WantsRows => KeepRows || AfterRow != null;

        public void Progress(string path, long bytesRead, long totalBytes, long rowCount) => ProgressReports.Add((bytesRead, totalBytes));

        public void Warning(string message) => Warnings.Add(message);

        public void Verbose(string message) => VerboseMessages.Add(message);

        public void RowMatched(StoredOfflineRow row)
        {
            if (KeepRows) Rows.Add(row);
            AfterRow?.Invoke(++rows);
        }
    }
}
