using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Text;

namespace OfflineData.Module.Tests.PowerShellHost
{
    /// <summary>
    /// Everything one <see cref="ModuleSession.Invoke"/> produced: the output objects and each PowerShell stream,
    /// kept apart so a test can assert that, say, a bad path wrote exactly one non-terminating error
    /// while the good files still produced output.
    /// </summary>
    public sealed class InvocationResult
    {
        /// <summary>Creates a result from the collected streams; <paramref name="terminatingError"/> is null when the script ran to its end.</summary>
        public InvocationResult(
            Collection<PSObject> output,
            IReadOnlyList<ErrorRecord> errors,
            IReadOnlyList<WarningRecord> warnings,
            IReadOnlyList<VerboseRecord> verbose,
            IReadOnlyList<DebugRecord> debug,
            IReadOnlyList<InformationRecord> information,
            IReadOnlyList<ProgressRecord> progress,
            ErrorRecord? terminatingError)
        {
            Output = output;
            Errors = errors;
            Warnings = warnings;
            Verbose = verbose;
            Debug = debug;
            Information = information;
            Progress = progress;
            TerminatingError = terminatingError;
        }

        /// <summary>Objects written to the output (success) stream, including those written before a terminating error.</summary>
        public Collection<PSObject> Output { get; }

        /// <summary>Non-terminating errors (the error stream), e.g. from WriteError; a terminating error is not in here.</summary>
        public IReadOnlyList<ErrorRecord> Errors { get; }

        /// <summary>Records from the warning stream.</summary>
        public IReadOnlyList<WarningRecord> Warnings { get; }

        /// <summary>Records from the verbose stream (only written when the script asks for -Verbose or sets $VerbosePreference).</summary>
        public IReadOnlyList<VerboseRecord> Verbose { get; }

        /// <summary>Records from the debug stream.</summary>
        public IReadOnlyList<DebugRecord> Debug { get; }

        /// <summary>Records from the information stream (Write-Host and WriteInformation).</summary>
        public IReadOnlyList<InformationRecord> Information { get; }

        /// <summary>Progress records (WriteProgress), in the order written.</summary>
        public IReadOnlyList<ProgressRecord> Progress { get; }

        /// <summary>
        /// The error that stopped the script (a throw, ThrowTerminatingError, or an error under -ErrorAction Stop),
        /// or null when the script ran to its end.
        /// </summary>
        public ErrorRecord? TerminatingError { get; }

        /// <summary>True when the script ran to its end and wrote no non-terminating error.</summary>
        public bool Succeeded => TerminatingError is null && Errors.Count == 0;

        /// <summary>
        /// Throws with every error's message and FullyQualifiedErrorId when the script did not succeed,
        /// so a test that expects a clean run fails with the reason rather than a later, vaguer assertion.
        /// </summary>
        public InvocationResult ThrowIfFailed()
        {
            if (Succeeded) return this;
            throw new InvalidOperationException(DescribeErrors());
        }

        /// <summary>Readable list of the terminating error and every non-terminating error, for failure messages.</summary>
        public string DescribeErrors()
        {
            var text = new StringBuilder();
            if (TerminatingError is not null)
            {
                text.Append("Terminating error: ").AppendLine(Describe(TerminatingError));
            }

            foreach (var error in Errors)
            {
                text.Append("Error: ").AppendLine(Describe(error));
            }

            return text.Length == 0 ? "No errors." : text.ToString();
        }

        /// <summary>The output objects' base objects cast to <typeparamref name="T"/> (throws if one is not a <typeparamref name="T"/>).</summary>
        public IReadOnlyList<T> OutputOf<T>() => Output.Select(o => (T)o.BaseObject).ToList();

        private static string Describe(ErrorRecord error) =>
            $"{error.Exception.Message} [{error.FullyQualifiedErrorId}] category {error.CategoryInfo.Category}, target '{error.TargetObject}'" +
            (string.IsNullOrEmpty(error.ScriptStackTrace) ? string.Empty : Environment.NewLine + error.ScriptStackTrace);
    }
}
