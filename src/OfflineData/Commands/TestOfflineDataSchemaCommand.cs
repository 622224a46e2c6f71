using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Commands.Paths;
using OfflineData.Core.Conversion;
using OfflineData.Core.Schema;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks custom attribute names against the target XDM schema: one result per attribute, Exact, CaseOnly, Missing or TypeMismatch.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "OfflineDataSchema", DefaultParameterSetName = PathParameterSet)]
    [OutputType(typeof(SchemaCheckResult))]
    public sealed class TestOfflineDataSchemaCommand : OfflineDataCmdlet
    {
        private const string PathParameterSet = "Path";
        private const string LiteralPathParameterSet = FileSystemPathResolver.LiteralPathParameterSet;

        private readonly List<AttributeUse> uses = new List<AttributeUse>();
        private TargetSchema? schema;
        private AttributeMap? attributeMap;
        private bool sawFiles;

        /// <summary>The target schema: an XDM JSON schema as Adobe Experience Platform exports it, or a list of dotted field names.</summary>
        [Parameter(Mandatory = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string SchemaPath { get; set; } = string.Empty;

        /// <summary>Offline data files whose attribute columns (after the 22 named ones) are checked; wildcards allowed.</summary>
        [Parameter(Position = 0, ParameterSetName = PathParameterSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Offline data files, taken exactly as written.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>A Convert-OfflineDataFile -ColumnMap: the source columns it sends to transaction attributes are checked.</summary>
        [Parameter]
        public Hashtable? ColumnMap { get; set; }

        /// <summary>The source file Convert-OfflineDataFile -ColumnMap would convert: its header names the columns the map gives by number, and the unmapped ones.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? SourcePath { get; set; }

        /// <summary>As Convert-OfflineDataFile's switch: the source columns the map does not use become transaction attributes too (needs -SourcePath).</summary>
        [Parameter]
        public SwitchParameter UnmappedToTransactionAttributes { get; set; }

        /// <summary>A CSV file Attribute,Field[,Type] that gives each attribute its target field (and type).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? AttributeMapPath { get; set; }

        /// <summary>Makes a case-only difference an error too.</summary>
        [Parameter]
        public SwitchParameter Strict { get; set; }

        /// <inheritdoc />
        protected override string ProgressActivity => "Checking attribute names against the schema";

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            var schemaFile = ResolveOne(SchemaPath);
            if (schemaFile == null) return;
            var mapFile = AttributeMapPath == null ? null : ResolveOne(AttributeMapPath);
            if (AttributeMapPath != null && mapFile == null) return;

            schema = Load(() => TargetSchema.Load(schemaFile), schemaFile);
            WriteVerbose($"{schemaFile}: {schema.Fields.Count} field(s), {schema.CustomFields.Count()} custom, tenant namespace {schema.TenantNamespace ?? "(none)"}.");
            if (schema.ExternalReferences.Count > 0)
            {
                WriteVerbose($"Not followed (other documents, Adobe's standard classes and field groups): {string.Join(", ", schema.ExternalReferences)}.");
            }

            if (mapFile != null) attributeMap = Load(() => AttributeMap.Load(mapFile), mapFile);

            if (UnmappedToTransactionAttributes && SourcePath == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException("-UnmappedToTransactionAttributes needs -SourcePath: the source file's header names the columns the map leaves over."),
                    ErrorIds.InvalidArgument,
                    ErrorCategory.InvalidArgument,
                    null));
            }

            var sourceFile = SourcePath == null ? null : ResolveOne(SourcePath);
            if (SourcePath != null && sourceFile == null) return;
            try
            {
                if (sourceFile != null)
                {
                    uses.AddRange(AttributeCollector.FromConvertSource(sourceFile, ColumnMap == null ? null : Unwrap(ColumnMap), UnmappedToTransactionAttributes, attributeMap));
                }
                else if (ColumnMap != null)
                {
                    uses.AddRange(AttributeCollector.FromColumnMap(Unwrap(ColumnMap), attributeMap));
                }
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(e.Message), ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, ColumnMap));
            }
            catch (ConversionException e)
            {
                // The same failure Convert-OfflineDataFile would stop with on this source, under its own name.
                ThrowTerminatingError(new ErrorRecord(e, e.Failure.ToString(), ErrorCategory.InvalidData, sourceFile));
            }
            catch (Exception e) when (FileReadErrors.IsReadFailure(e))
            {
                ThrowTerminatingError(FileReadErrors.ReadFailed(sourceFile!, e));
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (schema == null) return;
            bool bound = MyInvocation.BoundParameters.ContainsKey(nameof(Path)) || MyInvocation.BoundParameters.ContainsKey(nameof(LiteralPath));
            if (!bound) return;
            sawFiles = true;
            foreach (var file in FileSystemPathResolver.ResolveInputFiles(this, Path, LiteralPath))
            {
                Observer.StartFile(file);
                try
                {
                    uses.AddRange(UntilStopped(stopping => AttributeCollector.FromDataFile(file, attributeMap, stopping)));
                }
                catch (Exception e) when (FileReadErrors.IsReadFailure(e))
                {
                    WriteError(FileReadErrors.ReadFailed(file, e));
                }
            }
        }

        /// <inheritdoc />
        protected override void EndCommand()
        {
            if (schema == null) return;
            if (!sawFiles && ColumnMap == null && SourcePath == null && attributeMap != null) uses.AddRange(AttributeCollector.FromAttributeMap(attributeMap));
            if (uses.Count == 0)
            {
                // Information, not output or a warning: nothing is wrong, and a pipeline (| Where-Object) gets no stray string.
                WriteInformation(new HostInformationMessage { Message = "No custom attributes found." }, new[] { "PSHOST" });
                return;
            }

            var results = SchemaChecker.Check(schema, uses);
            foreach (var result in results) WriteObject(result);

            // After the results, so the table is whole before the errors say what to fix.
            foreach (var result in results)
            {
                switch (result.StatusValue)
                {
                    case SchemaCheckStatus.Missing:
                        WriteError(Mismatch(result, ErrorIds.SchemaFieldMissing, ErrorCategory.ObjectNotFound));
                        break;
                    case SchemaCheckStatus.TypeMismatch:
                        WriteError(Mismatch(result, ErrorIds.SchemaTypeMismatch, ErrorCategory.InvalidType));
                        break;
                    case SchemaCheckStatus.CaseOnly when Strict:
                        WriteError(Mismatch(result, ErrorIds.SchemaFieldCaseOnly, ErrorCategory.InvalidData));
                        break;
                }
            }
        }

        private static ErrorRecord Mismatch(SchemaCheckResult result, string id, ErrorCategory category)
        {
            var record = new ErrorRecord(new InvalidDataException(result.Message), id, category, result);
            if (result.Suggestion != null) record.ErrorDetails = new ErrorDetails(result.Message) { RecommendedAction = $"Use {result.Suggestion}." };
            return record;
        }

        private T Load<T>(Func<T> load, string file)
        {
            try
            {
                return load();
            }
            catch (SchemaException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, e.Failure.ToString(), ErrorCategory.InvalidData, file));
            }
            catch (Exception e) when (FileReadErrors.IsReadFailure(e))
            {
                ThrowTerminatingError(FileReadErrors.ReadFailed(file, e));
            }

            throw new InvalidOperationException("unreachable");
        }

        /// <summary>The one file a -SchemaPath or -AttributeMapPath names (a wildcard must match one); null after an error was written.</summary>
        private string? ResolveOne(string path)
        {
            var files = FileSystemPathResolver.ResolveExistingFiles(this, new[] { path }, isLiteral: false).Take(2).ToList();
            if (files.Count > 1)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException($"'{path}' matches more than one file; name one schema or map file."),
                    ErrorIds.PathNotUnique,
                    ErrorCategory.InvalidArgument,
                    path));
            }

            return files.FirstOrDefault();
        }

        private static IDictionary Unwrap(Hashtable table)
        {
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
