using System;
using System.Collections.Generic;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Core.Measuring;
using OfflineData.Core.Reporting;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Turns Measure-OfflineData summaries into one self-contained HTML page (file vs store totals with a mismatch marker, revenue and rows per day by outcome, top credited campaigns or channels, rejected rows), returned as a string.</para>
    /// </summary>
    /// <remarks>
    /// A ConvertTo- cmdlet like ConvertTo-Html: it changes nothing and returns the page, so the caller chooses where
    /// it goes (Set-Content, a mail body, Send-MailMessage -BodyAsHtml) and no file-writing, -WhatIf or overwrite rules
    /// are duplicated here. All piped rows are collected and rendered once at the end.
    /// </remarks>
    [Cmdlet(VerbsData.ConvertTo, "OfflineDataReport")]
    [OutputType(typeof(string))]
    public sealed class ConvertToOfflineDataReportCommand : OfflineDataCmdlet
    {
        private readonly List<OfflineDataSummaryRow> rows = new List<OfflineDataSummaryRow>();

        /// <summary>Summary rows from Measure-OfflineData (a file's, the store's, any groupings); piped.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public OfflineDataSummaryRow[] InputObject { get; set; } = Array.Empty<OfflineDataSummaryRow>();

        /// <summary>The page's title and heading.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Title { get; set; } = "Offline data report";

        /// <summary>How many values each top credited section (per state dimension) shows.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int Top { get; set; } = 10;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (var row in InputObject)
            {
                if (row != null) rows.Add(row);
            }
        }

        /// <inheritdoc />
        protected override void EndCommand() => WriteObject(OfflineDataReport.Render(rows, Title, Top, DateTime.UtcNow));
    }
}
