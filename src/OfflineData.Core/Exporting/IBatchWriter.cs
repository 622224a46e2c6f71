using System;
using System.Collections.Generic;
using OfflineData.Core.Store;

namespace OfflineData.Core.Exporting
{
    /// <summary>Writes one batch's rows in one format; nothing is in place until <see cref="Commit"/>.</summary>
    internal interface IBatchWriter : IDisposable
    {
        /// <summary>Writes a row (or, for the Adobe pre-flight, refuses it).</summary>
        void Write(StoredOfflineRow row);

        /// <summary>Rows written.</summary>
        long Rows { get; }

        /// <summary>Rows refused by a pre-flight.</summary>
        long Rejected { get; }

        /// <summary>Rows refused per reason code.</summary>
        IReadOnlyDictionary<string, long> RejectCounts { get; }

        /// <summary>Moves the files into place; returns their full paths.</summary>
        IReadOnlyList<string> Commit();
    }
}
