using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Commands.Arguments;
using OfflineData.Commands.Base;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Conversion;
using OfflineData.Commands.Hashing;
using OfflineData.Commands.Paths;
using OfflineData.Commands.Pipeline;
using OfflineData.Core;
using OfflineData.Core.Conversion;
using OfflineData.Core.Format;
using OfflineData.Core.Hashing;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Converts a till-system or call-centre export into a valid offline data file; rows that cannot be converted go to a reject file.</para>
    /// </summary>
    [Cmdlet(VerbsData.Convert, "OfflineDataFile", DefaultParameterSetName = PathParameterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ConversionResult))]
    [OutputType(typeof(FileInfo))]
    public sealed class ConvertOfflineDataFileCommand : FileInputCmdlet, IHashingParameters
    {
        private readonly Dictionary<string, string> destinationsThisRun = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> rejectPathsThisRun = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private OfflineDataConverter? converter;
        private ConversionOptions? options;

        /// <summary>The offline data file to write, or an existing folder (one file per source, named after it).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = string.Empty;

        /// <summary>Source delimiter: , ; | or tab (`t); detected when omitted.</summary>
        [Parameter]
        [ValidateNotNull]
        [DelimiterTransformation]
        [ArgumentCompleter(typeof(DelimiterCompleter))]
        public char? Delimiter { get; set; }

        /// <summary>Source encoding when it has no byte order mark (e.g. windows-1252, iso-8859-1, utf-8, 1252).</summary>
        [Parameter]
        [ValidateNotNull]
        [EncodingTransformation]
        [ArgumentCompleter(typeof(EncodingCompleter))]
        public System.Text.Encoding? Encoding { get; set; }

        /// <summary>Whether the source's first row is a header: Auto, Present or Absent.</summary>
        [Parameter]
        public HeaderMode SourceHeader { get; set; } = HeaderMode.Auto;

        /// <summary>Target column = source column name (string) or 1-based number (integer); TransactionAttributes takes a list.</summary>
        [Parameter]
        public Hashtable? ColumnMap { get; set; }

        /// <summary>Target column = a value written on every row, e.g. @{ EventType = 7 }.</summary>
        [Parameter]
        public Hashtable? Constant { get; set; }

        /// <summary>Appends source columns no mapping uses as EventTransaction attributes.</summary>
        [Parameter]
        public SwitchParameter UnmappedToTransactionAttributes { get; set; }

        /// <summary>.NET date and time formats of the source timestamps, tried in order.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? TimestampFormat { get; set; }

        /// <summary>Culture of the source's numbers and dates, e.g. sv-SE or de-DE.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CultureCompleter))]
        public CultureInfo? Culture { get; set; }

        /// <summary>Time zone of the source's local times (IANA or Windows ID).</summary>
        [Parameter]
        [ValidateNotNull]
        [TimeZoneTransformation]
        [ArgumentCompleter(typeof(TimeZoneCompleter))]
        public TimeZoneInfo? SourceTimeZone { get; set; }

        /// <summary>Time zone to write the times in (IANA or Windows ID); needs -SourceTimeZone.</summary>
        [Parameter]
        [ValidateNotNull]
        [TimeZoneTransformation]
        [ArgumentCompleter(typeof(TimeZoneCompleter))]
        public TimeZoneInfo? TargetTimeZone { get; set; }

        /// <summary>What to do with a source time that occurs twice when clocks go back: Reject, Earlier or Later.</summary>
        [Parameter]
        public AmbiguousTimeHandling AmbiguousTime { get; set; } = AmbiguousTimeHandling.Reject;

        /// <summary>Writes no header row.</summary>
        [Parameter]
        public SwitchParameter NoHeader { get; set; }

        /// <summary>Writes a zip archive (also implied by a .zip destination).</summary>
        [Parameter]
        public SwitchParameter Compress { get; set; }

        /// <summary>Where rejected rows go; default: next to the destination, name.rejects.ext.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RejectPath { get; set; }

        /// <summary>Replaces an existing destination and reject file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Columns to hash, name = kind: @{ CustomerId = 'Email'; Var3 = 'Phone' } (kinds Email, Phone, Name, Text).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(HashColumnCompleter))]
        public IDictionary? HashColumn { get; set; }

        /// <summary>Whose normalisation rules: Google or Meta; required with -HashColumn.</summary>
        [Parameter]
        public HashProfile? HashProfile { get; set; }

        /// <summary>Region (ISO 3166-1 alpha-2, e.g. SE) of phone numbers written without a country code.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? DefaultRegion { get; set; }

        /// <summary>Hex (lowercase, default) or Base64 (Google only).</summary>
        [Parameter]
        public HashEncoding HashEncoding { get; set; } = HashEncoding.Hex;

        /// <summary>Lets the raw values of hashed columns appear in the reject file and messages.</summary>
        [Parameter]
        public SwitchParameter IncludeRawValue { get; set; }

        bool IHashingParameters.IncludeRawValue => IncludeRawValue;

        /// <summary>Returns the destination FileInfo instead of the result object.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            // './out/*.csv' must never become a file named '*.csv': a wildcard destination names one existing file or folder.
            if (WildcardPattern.ContainsWildcardCharacters(Destination))
            {
                Destination = FileSystemPathResolver.ResolveRequiredWriteDestination(this, Destination, literal: false,
                    "To write one file per source into a folder, give the folder (e.g. './out/'); a new file's name cannot hold '*', '?' or '['.");
            }

            // -Delimiter, -Encoding and the time zones were checked when they were bound (a bad one is a parameter
            // binding error); what is left is checked here, each argument on its own so its error names the bad value.
            options = new ConversionOptions
            {
                Delimiter = Delimiter,
                SourceHasHeader = SourceHeader == HeaderMode.Auto ? (bool?)null : SourceHeader == HeaderMode.Present,
                Encoding = Encoding,
                Mapping = ColumnMap == null && Constant == null ? null : Checked(() => ColumnMapping.Create(Unwrap(ColumnMap), Unwrap(Constant)), (object?)ColumnMap ?? Constant),
                UnmappedToTransactionAttributes = UnmappedToTransactionAttributes,
                TimestampFormats = TimestampFormat ?? Array.Empty<string>(),
                Culture = Culture == null ? CultureInfo.InvariantCulture : Checked(() => KnownCultures.Require(Culture), Culture.Name),
                SourceTimeZone = SourceTimeZone,
                TargetTimeZone = TargetTimeZone,
                AmbiguousTime = AmbiguousTime,
                WriteHeader = !NoHeader,
                Compress = Compress,
                Overwrite = Force,
                Hashing = HashingArguments.Build(this, this),
            };
            RequireHashedColumnsFilled(options);
            converter = Checked(() => new OfflineDataConverter(options), TargetTimeZone?.Id);
        }

        /// <summary>
        /// With -ColumnMap only the mapped (and -Constant) columns are filled: a hashed column neither fills would run
        /// without hashing anything, so it is refused (InvalidHashing). Transaction attributes -UnmappedToTransactionAttributes
        /// fills from the source are known only when it is read.
        /// </summary>
        private void RequireHashedColumnsFilled(ConversionOptions conversion)
        {
            if (ColumnMap == null || conversion.Hashing == null || conversion.Mapping == null) return;
            foreach (var column in conversion.Hashing.Columns)
            {
                if (conversion.Mapping.Sources.ContainsKey(column.Number)) continue;
                if (UnmappedToTransactionAttributes && column.Number > OfflineDataSchema.NamedColumnCount) continue;
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException($"-HashColumn hashes '{column.Name}', but neither -ColumnMap nor -Constant fills it, so nothing would be hashed; map it, e.g. -ColumnMap @{{ {column.Name} = 'Phone'; ... }}, or leave it out of -HashColumn."),
                    ErrorIds.InvalidHashing,
                    ErrorCategory.InvalidArgument,
                    column.Name));
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (var source in InputFiles())
            {
                ConvertOne(source);
            }
        }

        /// <inheritdoc />
        protected override string ProgressActivity => "Converting to offline data";

        private void ConvertOne(string source)
        {
            var destination = ResolveDestinationFor(source);
            if (destination == null) return;
            if (destinationsThisRun.TryGetValue(destination, out var earlierSource))
            {
                // Into a folder the advice "give -Destination a folder" was wrong: two sources with one base name (day.csv, day.zip) collide there.
                string advice = destination == FileSystemPathResolver.ResolveDestination(this, Destination)
                    ? "give -Destination a folder to convert several files"
                    : "both sources have the same base name; convert them in separate runs or into different folders";
                WriteError(new ErrorRecord(
                    new IOException($"'{source}' was not converted: '{destination}' was already written by this command from '{earlierSource}'; {advice}."),
                    ConversionFailure.DestinationExists.ToString(),
                    ErrorCategory.ResourceExists,
                    destination));
                return;
            }

            destinationsThisRun.Add(destination, source);
            string? rejectPath = null;
            if (RejectPath != null)
            {
                rejectPath = FileSystemPathResolver.ResolveDestination(this, RejectPath);
                if (rejectPath == null) return;
                if (Directory.Exists(rejectPath) || RejectPath.EndsWith("/", StringComparison.Ordinal) || RejectPath.EndsWith("\\", StringComparison.Ordinal))
                {
                    // A folder: one reject file per source, named like the default one.
                    rejectPath = System.IO.Path.Combine(rejectPath, System.IO.Path.GetFileName(OfflineDataConverter.DefaultRejectPath(source, destination)));
                }
            }

            var effectiveRejectPath = rejectPath ?? OfflineDataConverter.DefaultRejectPath(source, destination);
            if (!rejectPathsThisRun.Add(effectiveRejectPath))
            {
                // Two sources must not share (and, with -Force, overwrite) one reject file.
                WriteError(new ErrorRecord(
                    new IOException($"The reject file '{effectiveRejectPath}' is already used by another source in this command; give -RejectPath a folder."),
                    ConversionFailure.DestinationExists.ToString(),
                    ErrorCategory.ResourceExists,
                    effectiveRejectPath));
                return;
            }

            options!.RejectPath = rejectPath;

            bool whatIf = WhatIfMode.IsActive(this);
            Observer.StartFile(source);
            var observer = Observer;
            try
            {
                ConversionResult result;
                if (whatIf)
                {
                    // -WhatIf reads the source so it can say exactly what would be written.
                    result = converter!.Convert(source, destination, observer, dryRun: true, StopToken);
                    var rejectsTo = rejectPath ?? OfflineDataConverter.DefaultRejectPath(source, destination);
                    var what = $"Write {result.RowsWritten} of {result.RowsRead} row(s) converted from '{source}'"
                        + (result.RowsRejected > 0 ? $"; reject {result.RowsRejected} row(s) ({string.Join(", ", result.RejectReasons.Select(p => p.Key + " " + p.Value))}) into '{rejectsTo}'" : "; no row rejected");
                    ShouldProcess(destination, what);
                    WriteVerbose(what + ".");

                    // The dry run's result (WhatIf = true) is what a real run would return, so it can be piped on;
                    // -PassThru returns nothing, as there is no file to return.
                    if (!PassThru) WriteObject(result);
                    return;
                }

                // Ask before writing; -Confirm's answer is known before the source is read.
                if (!ShouldProcess(destination, $"Convert '{source}' to an offline data file")) return;
                // Only a folder the user named as one (a path ending in a separator) is created. A file in a missing
                // folder is WriteFailed naming the folder, as -WhatIf predicts and Write-OfflineDataFile does: a typo
                // in the folder must not leave the nightly output in a new folder nobody reads.
                if (NamesFolder(Destination)) CreateFolderOf(destination);
                if (rejectPath != null && NamesFolder(RejectPath)) CreateFolderOf(rejectPath);
                result = converter!.Convert(source, destination, observer, dryRun: false, StopToken);
                Report(result);
            }
            catch (ConversionException e)
            {
                WriteError(ConversionErrors.ToErrorRecord(e, source));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Disk full, a vanished share, a lost permission: this file fails, nothing is left at the destination, the others go on.
                WriteError(new ErrorRecord(
                    new IOException($"Converting '{source}' to '{destination}' failed: {e.Message} Nothing was written to the destination.", e),
                    ErrorIds.FileIOFailed,
                    e is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError,
                    source));
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        private void Report(ConversionResult result)
        {
            WriteVerbose($"{result.Source}: {result.RowsRead} row(s) read, {result.RowsWritten} written, {result.RowsRejected} rejected in {result.Duration.TotalSeconds:N2} s ({result.Encoding}, delimiter '{result.Delimiter}').");
            if (result.UnmappedColumns.Count > 0)
            {
                WriteVerbose($"Source columns not converted: {string.Join(", ", result.UnmappedColumns)} (use -UnmappedToTransactionAttributes to keep them).");
            }

            if (result.RowsRejected > 0)
            {
                WriteWarning($"{result.RowsRejected} of {result.RowsRead} row(s) of '{result.Source}' were not converted ({string.Join(", ", result.RejectReasons.Select(p => p.Key + " " + p.Value))}); they are in '{result.RejectPath}' with their line and reason.");
            }

            if (PassThru) FileSystemItems.WriteItem(this, SessionState, result.Destination);
            else WriteObject(result);
        }

        private static bool NamesFolder(string? path) => path != null && (path.EndsWith("/", StringComparison.Ordinal) || path.EndsWith("\\", StringComparison.Ordinal));

        private static void CreateFolderOf(string file)
        {
            var folder = System.IO.Path.GetDirectoryName(file);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder)) Directory.CreateDirectory(folder);
        }

        private string? ResolveDestinationFor(string source)
        {
            var resolved = FileSystemPathResolver.ResolveDestination(this, Destination);
            if (resolved == null) return null;
            bool folder = Directory.Exists(resolved) || Destination.EndsWith("/", StringComparison.Ordinal) || Destination.EndsWith("\\", StringComparison.Ordinal);
            if (!folder) return resolved;
            var name = System.IO.Path.GetFileNameWithoutExtension(source);
            if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)) name = System.IO.Path.GetFileNameWithoutExtension(name);
            return System.IO.Path.Combine(resolved, name + (Compress ? ".zip" : ".csv"));
        }

        /// <summary>Runs a check of one argument; a bad value is a terminating InvalidArgument error with that value as target.</summary>
        private T Checked<T>(Func<T> check, object? value)
        {
            try
            {
                return check();
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(UserMessages.InvalidArgument(e, ErrorIds.InvalidArgument, value));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        private static IDictionary? Unwrap(Hashtable? table)
        {
            if (table == null) return null;
            var copy = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in table)
            {
                copy[entry.Key is PSObject pk ? pk.BaseObject : entry.Key] = UnwrapValue(entry.Value);
            }

            return copy;
        }

        private static object? UnwrapValue(object? value)
        {
            if (value is PSObject ps) value = ps.BaseObject;
            if (value is object[] array) return array.Select(UnwrapValue).ToArray();
            return value;
        }
    }
}
