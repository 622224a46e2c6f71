using System;
using System.Collections.Generic;
using OfflineData.Core.Containers;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Conversion
{
    /// <summary>What one conversion did: the object <c>Convert-OfflineDataFile</c> returns per source file.</summary>
    public sealed class ConversionResult
    {
        /// <summary>The source file.</summary>
        public string Source { get; set; } = string.Empty;

        /// <summary>The offline data file written (or that would be written, under -WhatIf).</summary>
        public string Destination { get; set; } = string.Empty;

        /// <summary>Data rows read from the source (header rows not counted). Always RowsWritten + RowsRejected.</summary>
        public long RowsRead { get; set; }

        /// <summary>Rows written to the destination.</summary>
        public long RowsWritten { get; set; }

        /// <summary>Rows not converted; each is in the reject file with its line and reason.</summary>
        public long RowsRejected { get; set; }

        /// <summary>How long the conversion took.</summary>
        public TimeSpan Duration { get; set; }

        /// <summary>The reject file, or null when no row was rejected.</summary>
        public string? RejectPath { get; set; }

        /// <summary>Rejected rows by reason, keyed by the reason's name (e.g. InvalidNumber).</summary>
        public CountsByName<ConversionRejectReason> RejectReasons { get; } = new CountsByName<ConversionRejectReason>();

        /// <summary>The source delimiter used (given or detected).</summary>
        public string Delimiter { get; set; } = string.Empty;

        /// <summary>The source encoding used, e.g. <c>windows-1252</c> or <c>utf-8 (BOM)</c>.</summary>
        public string Encoding { get; set; } = string.Empty;

        /// <summary>Plain, Zip or Gzip (a string, so that ConvertTo-Json and Export-Csv write the name in both PowerShell editions).</summary>
        public string Container => ContainerValue.ToString();

        /// <summary>The container, typed.</summary>
        internal ContainerFormat ContainerValue { get; set; }

        /// <summary>Whether the source's first row was taken as a header.</summary>
        public bool SourceHadHeader { get; set; }

        /// <summary>Source header columns that feed no target column (not converted; see -UnmappedToTransactionAttributes).</summary>
        public IList<string> UnmappedColumns { get; } = new ReadableList<string>();

        /// <summary>Whether nothing was written (-WhatIf).</summary>
        public bool WhatIf { get; set; }
    }
}
