using System;
using System.Collections.Generic;
using System.Management.Automation;
using OfflineData.Commands.Paths;

namespace OfflineData.Commands.Base
{
    /// <summary>
    /// A cmdlet that reads files: <c>-Path</c> (wildcards, by value and by property name from the pipeline, so
    /// strings and Get-ChildItem output bind) and <c>-LiteralPath</c> (alias PSPath, taken exactly as written), in the
    /// parameter sets <see cref="PathParameterSet"/> (the default) and <see cref="LiteralPathParameterSet"/>.
    /// </summary>
    public abstract class FileInputCmdlet : OfflineDataCmdlet
    {
        /// <summary>The parameter set of -Path; name it as DefaultParameterSetName.</summary>
        protected const string PathParameterSet = "Path";

        /// <summary>The parameter set of -LiteralPath.</summary>
        protected const string LiteralPathParameterSet = FileSystemPathResolver.LiteralPathParameterSet;

        /// <summary>Files to read; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathParameterSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Files to read, taken exactly as written (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>
        /// The files -Path or -LiteralPath name for the current pipeline object; each path that names no file is a
        /// non-terminating error (then <paramref name="onFailure"/> runs with it).
        /// </summary>
        protected IEnumerable<string> InputFiles(Action<string>? onFailure = null) =>
            FileSystemPathResolver.ResolveInputFiles(this, Path, LiteralPath, onFailure);
    }
}
