using System;
using System.Collections.Generic;

namespace OfflineData.Core.Store
{
    /// <summary>How the export ledger keeps a batch's file list in one text column: full paths, one a line.</summary>
    internal static class ExportLedgerFiles
    {
        public static string Join(IReadOnlyList<string>? files) => files == null ? string.Empty : string.Join("\n", files);

        public static IReadOnlyList<string> Split(string text) =>
            string.IsNullOrEmpty(text) ? Array.Empty<string>() : text.Split('\n');
    }
}
