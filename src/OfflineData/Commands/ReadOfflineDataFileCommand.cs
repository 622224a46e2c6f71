using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Commands.Arguments;
using OfflineData.Commands.Base;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Paths;
using OfflineData.Commands.Store;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;
using OfflineData.Core.Reading;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Streams the rows of offline data files to the pipeline as typed records; invalid rows become non-terminating errors.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Read, "OfflineDataFile", DefaultParameterSetName = PathParameterSet)]
    [OutputType(typeof(OfflineDataRecord))]
    public sealed class ReadOfflineDataFileCommand : FileInputCmdlet
    {
        // Progress is throttled by time; asking the clock on every row would cost more than the rest of the loop.
        private const int ProgressEveryRows = 1024;

        private RecordFilter? filter;

        /// <summary>Whether the first row is a header: Auto (detect), Present or Absent.</summary>
        [Parameter]
        public HeaderMode Header { get; set; } = HeaderMode.Auto;

        /// <summary>Also reports exact duplicate rows as warnings (remembers row hashes: memory grows to a fixed cap).</summary>
        [Parameter]
        public SwitchParameter CheckDuplicates { get; set; }

        /// <summary>Only rows whose Time Stamp is at or after this time (as Get-OfflineData -From).</summary>
        [Parameter]
        [DateTimeOffsetToLocal]
        public DateTime? From { get; set; }

        /// <summary>Only rows whose Time Stamp is at or before this time (as Get-OfflineData -To).</summary>
        [Parameter]
        [DateTimeOffsetToLocal]
        public DateTime? To { get; set; }

        /// <summary>Only rows of these event types (7 is a purchase).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        [ArgumentCompleter(typeof(EventTypeCompleter))]
        public int[]? EventType { get; set; }

        /// <summary>Only rows whose Customer ID matches one of these; wildcards allowed (case-sensitive, as in Get-OfflineData).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? CustomerId { get; set; }

        /// <summary>Only rows whose transaction ID (see -TransactionIdColumn) matches one of these; wildcards allowed (case-sensitive).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? TransactionId { get; set; }

        /// <summary>The column -TransactionId looks at: a number (23) or a name ('EventTransaction Attr1', the default).</summary>
        [Parameter]
        [ValidateNotNull]
        [TransactionIdColumnTransformation]
        [ArgumentCompleter(typeof(TransactionIdColumnCompleter))]
        public TransactionIdColumn TransactionIdColumn { get; set; } = TransactionIdColumn.Default;

        /// <inheritdoc />
        protected override string ProgressActivity => "Reading offline data";

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            TimeRange.Check(this, From, To);
            var wanted = new RecordFilter
            {
                From = From,
                To = To,
                EventTypes = EventType == null ? null : new HashSet<int>(EventType),
                CustomerId = Matcher(CustomerId),
                TransactionId = Matcher(TransactionId),
                TransactionIdColumnNumber = TransactionIdColumn.Number,
            };
            filter = wanted.IsEmpty ? null : wanted;
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (var file in InputFiles())
            {
                ReadFile(file);
            }
        }

        /// <summary>A case-sensitive match of any of <paramref name="patterns"/> (wildcards as in Get-OfflineData), or null for none.</summary>
        private static Func<string, bool>? Matcher(string[]? patterns)
        {
            if (patterns == null || patterns.Length == 0) return null;
            var literal = new HashSet<string>(StringComparer.Ordinal);
            var wildcards = new List<WildcardPattern>();
            foreach (var pattern in patterns)
            {
                if (WildcardPattern.ContainsWildcardCharacters(pattern)) wildcards.Add(new WildcardPattern(pattern, WildcardOptions.CultureInvariant));
                else literal.Add(WildcardPattern.Unescape(pattern));
            }

            if (wildcards.Count == 0) return literal.Contains;
            return value => literal.Contains(value) || wildcards.Any(w => w.IsMatch(value));
        }

        private void ReadFile(string file)
        {
            Observer.StartFile(file);
            OfflineDataReader reader;
            try
            {
                reader = OfflineDataReader.Open(file, new OfflineDataReaderOptions { Header = Header, CheckDuplicates = CheckDuplicates });
            }
            catch (Exception e) when (FileReadErrors.IsReadFailure(e))
            {
                WriteError(FileReadErrors.ReadFailed(file, e));
                return;
            }

            using (reader)
            {
                long rows = 0;
                long invalid = 0;
                long written = 0;
                try
                {
                    while (reader.Read())
                    {
                        rows++;
                        Report(reader.FileFindings);
                        Report(reader.RowFindings);
                        if (reader.RowHasErrors)
                        {
                            // Reported whatever the filter: a filter selects records, it never hides a broken row.
                            invalid++;
                        }
                        else if (filter == null || filter.Matches(reader))
                        {
                            // Each record goes down the pipeline as soon as it is parsed: memory does not grow with the file.
                            WriteObject(reader.ToRecord());
                            written++;
                        }

                        if (rows % ProgressEveryRows == 0) Observer.Progress(reader.BytesRead, reader.TotalBytes);
                    }

                    Report(reader.FileFindings); // trailing, file-level findings
                }
                catch (Exception e) when (FileReadErrors.IsReadFailure(e))
                {
                    WriteError(FileReadErrors.ReadFailed(file, e, "The rows before the failure were written to the pipeline."));
                }

                var filtered = filter == null ? string.Empty : $", {rows - invalid - written} valid row(s) not matching the filter";
                WriteVerbose($"{file}: {rows} row(s), {written} written to the pipeline, {invalid} invalid{filtered}.");
            }
        }

        private void Report(IReadOnlyList<Finding> findings)
        {
            foreach (var finding in findings)
            {
                if (finding.SeverityValue == FindingSeverity.Warning)
                {
                    WriteWarning(finding.ToString());
                    continue;
                }

                // Same code as Test-OfflineDataFile; the finding (file, entry, line, column, raw value) is the target.
                var error = new ErrorRecord(new InvalidDataException(finding.ToString()), finding.Code.ToString(), ErrorCategory.InvalidData, finding);
                error.ErrorDetails = new ErrorDetails(finding.ToString())
                {
                    RecommendedAction = "Fix the row in the file, or convert the source again with Convert-OfflineDataFile.",
                };
                WriteError(error);
            }
        }
    }
}
