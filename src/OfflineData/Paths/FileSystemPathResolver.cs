using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using Microsoft.PowerShell.Commands;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Pipeline;
using OfflineData.Core;
using OfflineData.Core.Findings;

namespace OfflineData.Commands.Paths
{
    /// <summary>
    /// Turns -Path (wildcards) and -LiteralPath arguments into file-system paths, with public engine
    /// APIs only so it behaves the same in Windows PowerShell 5.1 and PowerShell 7. A path that cannot
    /// be used is a non-terminating error whose target is the path, so the other files still run.
    /// </summary>
    internal static class FileSystemPathResolver
    {
        /// <summary>ErrorId when a path or wildcard names no existing item.</summary>
        public const string PathNotFoundErrorId = ErrorIds.PathNotFound;

        /// <summary>ErrorId when a path belongs to a provider other than the file system.</summary>
        public const string NotFileSystemPathErrorId = ErrorIds.NotFileSystemPath;

        /// <summary>ErrorId when a path cannot be a file-system path at all (a NUL or other character the platform forbids).</summary>
        public const string InvalidPathErrorId = ErrorIds.InvalidPath;

        /// <summary>ErrorId when a path names a directory where a file is needed.</summary>
        public const string PathIsDirectoryErrorId = ErrorIds.PathIsDirectory;

        /// <summary>ErrorId when a wildcard destination (-Path of a writer) matches more than one item.</summary>
        public const string PathNotUniqueErrorId = ErrorIds.PathNotUnique;

        /// <summary>The parameter set name of -LiteralPath on every cmdlet that takes input files.</summary>
        public const string LiteralPathParameterSet = "LiteralPath";

        /// <summary>
        /// Resolves the input files of a cmdlet with -Path and -LiteralPath: the -LiteralPath values taken as
        /// written when the cmdlet runs in the <see cref="LiteralPathParameterSet"/> set, else the -Path values
        /// with wildcards expanded. Errors and skips as <see cref="ResolveExistingFiles"/>.
        /// </summary>
        public static IEnumerable<string> ResolveInputFiles(PSCmdlet cmdlet, string[] path, string[] literalPath, Action<string>? onFailure = null)
        {
            bool literal = cmdlet.ParameterSetName == LiteralPathParameterSet;
            if (literal || !cmdlet.MyInvocation.ExpectingInput)
            {
                return ResolveExistingFiles(cmdlet, literal ? literalPath : path, literal, onFailure);
            }

            return ResolvePipedPaths(cmdlet, path, onFailure);
        }

        /// <summary>
        /// -Path values from the pipeline: the Path of a report, result or ledger entry (bound by property name) and
        /// FullName strings are paths of real files, so one that names an existing file exactly is read as it is;
        /// expanding it as a wildcard would read 'day 1.csv' for 'day [1].csv'. Other values are wildcards as before.
        /// </summary>
        private static IEnumerable<string> ResolvePipedPaths(PSCmdlet cmdlet, string[] paths, Action<string>? onFailure)
        {
            foreach (var path in paths)
            {
                bool exact = !string.IsNullOrEmpty(path) && WildcardPattern.ContainsWildcardCharacters(path) && NamesExistingFile(cmdlet, path);
                foreach (var file in ResolveExistingFiles(cmdlet, new[] { path }, exact, onFailure))
                {
                    yield return file;
                }
            }
        }

        private static bool NamesExistingFile(PSCmdlet cmdlet, string path)
        {
            try
            {
                var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                return provider.ImplementingType == typeof(FileSystemProvider) && File.Exists(resolved);
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException || e is NotSupportedException || e is ArgumentException || e is PSInvalidOperationException)
            {
                return false;
            }
        }

        /// <summary>
        /// Resolves input paths to existing files. Errors are written through <paramref name="cmdlet"/>
        /// and the path is skipped. Directories matched by a wildcard are skipped (named with -Verbose).
        /// </summary>
        /// <param name="cmdlet">The cmdlet that writes the errors.</param>
        /// <param name="paths">The -Path or -LiteralPath values.</param>
        /// <param name="isLiteral">True for -LiteralPath: no wildcard expansion.</param>
        /// <param name="onFailure">Called with each path that could not be used, after its error was written.</param>
        public static IEnumerable<string> ResolveExistingFiles(PSCmdlet cmdlet, IEnumerable<string> paths, bool isLiteral, Action<string>? onFailure = null)
        {
            foreach (var path in paths)
            {
                if (string.IsNullOrEmpty(path)) continue;

                if (isLiteral)
                {
                    var literal = ResolveLiteral(cmdlet, path);
                    if (literal != null && EnsureFile(cmdlet, path, literal, reportDirectory: true))
                    {
                        yield return literal;
                    }
                    else
                    {
                        onFailure?.Invoke(path);
                    }

                    continue;
                }

                ProviderInfo provider;
                IReadOnlyCollection<string> resolved;
                try
                {
                    resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
                }
                catch (ItemNotFoundException e)
                {
                    cmdlet.WriteError(PathNotFound(path, e));
                    onFailure?.Invoke(path);
                    continue;
                }
                catch (System.Management.Automation.DriveNotFoundException e)
                {
                    cmdlet.WriteError(PathNotFound(path, e));
                    onFailure?.Invoke(path);
                    continue;
                }
                catch (ProviderNotFoundException e)
                {
                    cmdlet.WriteError(PathNotFound(path, e));
                    onFailure?.Invoke(path);
                    continue;
                }

                if (provider.ImplementingType != typeof(FileSystemProvider))
                {
                    cmdlet.WriteError(NotFileSystem(path, provider));
                    onFailure?.Invoke(path);
                    continue;
                }

                if (resolved.Count == 0)
                {
                    // A wildcard that matches nothing must not look like a successful run in a nightly job.
                    // 'day [1].csv' is a wildcard for 'day 1.csv'; when a file has exactly that name, say how to read it.
                    var hint = WildcardPattern.ContainsWildcardCharacters(path) && NamesExistingFile(cmdlet, path)
                        ? $" A file is named exactly that, but -Path reads '[' and ']' as a wildcard set; use -LiteralPath {CompletionValues.Quote(path, '\'')}."
                        : string.Empty;
                    cmdlet.WriteError(PathNotFound(path, new ItemNotFoundException($"No file matches '{path}'.{hint}")));
                    onFailure?.Invoke(path);
                    continue;
                }

                bool wildcard = WildcardPattern.ContainsWildcardCharacters(path);
                bool anyFile = false;
                foreach (var file in resolved)
                {
                    if (EnsureFile(cmdlet, path, file, reportDirectory: !wildcard))
                    {
                        anyFile = true;
                        yield return file;
                    }
                    else if (!wildcard)
                    {
                        onFailure?.Invoke(path);
                    }
                }

                if (wildcard && !anyFile)
                {
                    // Only folders matched: still no file, so still an error (a folder whose exports have not arrived yet).
                    cmdlet.WriteError(PathNotFound(path, new ItemNotFoundException($"No file matches '{path}'; it matches only directories.")));
                    onFailure?.Invoke(path);
                }
            }
        }

        /// <summary>
        /// Resolves a destination path (which need not exist yet) to a file-system path, or writes an
        /// error and returns null. Relative paths are taken from the current PowerShell location,
        /// not the process directory.
        /// </summary>
        public static string? ResolveDestination(PSCmdlet cmdlet, string path)
        {
            return ResolveLiteral(cmdlet, path);
        }

        /// <summary>
        /// <see cref="ResolveDestination"/> for a destination the cmdlet cannot run without: a path that cannot be used
        /// is one terminating error saying why (not an error plus a second "cannot write" one).
        /// </summary>
        /// <param name="cmdlet">The cmdlet that throws the error.</param>
        /// <param name="path">The destination as given.</param>
        /// <param name="errorId">An ErrorId that replaces the resolver's own (a parameter's documented one), or null.</param>
        public static string ResolveRequiredDestination(PSCmdlet cmdlet, string path, string? errorId = null)
        {
            ErrorRecord? error = null;
            var resolved = ResolveLiteral(cmdlet, path, e => error = e);
            if (resolved == null)
            {
                if (errorId != null) error = new ErrorRecord(error!.Exception, errorId, ErrorCategory.InvalidArgument, path);
                cmdlet.ThrowTerminatingError(error!);
            }

            return resolved!;
        }

        /// <summary>
        /// The destination of a writer's -Path, as Out-File and Set-Content take theirs: a path with wildcard
        /// characters must match exactly one existing item (which is then the destination; replacing it still needs
        /// -Force), never becomes a file literally named '*.csv'; -LiteralPath (<paramref name="literal"/>) and a path
        /// without wildcards are taken as written. Any problem is a terminating error with the path as target.
        /// </summary>
        /// <param name="cmdlet">The cmdlet that throws the error.</param>
        /// <param name="path">The destination as given.</param>
        /// <param name="literal">Take the path as written (-LiteralPath).</param>
        /// <param name="noMatchAdvice">What to do instead when the wildcard matches nothing (the cmdlet's own way to name such a file).</param>
        public static string ResolveRequiredWriteDestination(PSCmdlet cmdlet, string path, bool literal, string? noMatchAdvice = null)
        {
            if (literal || !WildcardPattern.ContainsWildcardCharacters(path)) return ResolveRequiredDestination(cmdlet, path);

            Collection<string> matches;
            ProviderInfo provider;
            try
            {
                matches = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
            }
            catch (ItemNotFoundException)
            {
                matches = new Collection<string>();
                provider = null!;
            }
            catch (Exception e) when (e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException || e is PSArgumentException)
            {
                cmdlet.ThrowTerminatingError(PathNotFound(path, e));
                throw; // not reached
            }

            if (provider != null && provider.ImplementingType != typeof(FileSystemProvider)) cmdlet.ThrowTerminatingError(NotFileSystem(path, provider));
            if (matches.Count == 1) return matches[0];

            var shown = DisplayText.Escape(path);
            if (matches.Count == 0)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new ItemNotFoundException($"The destination '{shown}' has wildcard characters and matches no file; wildcards are resolved to exactly one existing path. {noMatchAdvice ?? "To create a file with '*', '?' or '[' in its name, use -LiteralPath."}"),
                    PathNotFoundErrorId,
                    ErrorCategory.ObjectNotFound,
                    path));
            }

            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"The destination '{shown}' matches {matches.Count} paths ('{DisplayText.Escape(matches[0])}', '{DisplayText.Escape(matches[1])}'{(matches.Count > 2 ? ", ..." : string.Empty)}); a file can be written to only one. Name that one file."),
                PathNotUniqueErrorId,
                ErrorCategory.InvalidArgument,
                path));
            throw new InvalidOperationException(); // not reached: ThrowTerminatingError always throws
        }

        private static string? ResolveLiteral(PSCmdlet cmdlet, string path) => ResolveLiteral(cmdlet, path, cmdlet.WriteError);

        private static string? ResolveLiteral(PSCmdlet cmdlet, string path, Action<ErrorRecord> reportError)
        {
            try
            {
                var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (provider.ImplementingType != typeof(FileSystemProvider))
                {
                    reportError(NotFileSystem(path, provider));
                    return null;
                }

                // Fail here, with the path named, rather than deep in a writer with a .NET parameter name.
                System.IO.Path.GetFullPath(resolved);
                return resolved;
            }
            catch (Exception e) when (e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException || e is PSArgumentException)
            {
                reportError(PathNotFound(path, e));
                return null;
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                reportError(InvalidPath(path, e));
                return null;
            }
        }

        private static bool EnsureFile(PSCmdlet cmdlet, string requested, string resolved, bool reportDirectory)
        {
            if (File.Exists(resolved)) return true;

            if (Directory.Exists(resolved))
            {
                if (reportDirectory)
                {
                    cmdlet.WriteError(new ErrorRecord(
                        new ArgumentException($"'{resolved}' is a directory; give a file, or a wildcard such as '{System.IO.Path.Combine(requested, "*.csv")}'."),
                        PathIsDirectoryErrorId,
                        ErrorCategory.InvalidArgument,
                        requested));
                }
                else
                {
                    cmdlet.WriteVerbose($"Skipping directory '{resolved}' matched by '{requested}'.");
                }

                return false;
            }

            cmdlet.WriteError(PathNotFound(requested, new ItemNotFoundException($"Cannot find file '{resolved}' because it does not exist.")));
            return false;
        }

        /// <summary>The error for a path no file system accepts (a NUL character, a name too long): the path escaped in the message and as target.</summary>
        public static ErrorRecord InvalidPath(string path, Exception e)
        {
            var reason = e is ArgumentException argument ? UserMessages.WithoutParameterName(argument) : e.Message;
            return new ErrorRecord(new PSArgumentException($"'{DisplayText.Escape(path)}' is not a valid file-system path: {reason}", e), InvalidPathErrorId, ErrorCategory.InvalidArgument, path);
        }

        private static ErrorRecord PathNotFound(string path, Exception e)
        {
            return new ErrorRecord(e, PathNotFoundErrorId, ErrorCategory.ObjectNotFound, path);
        }

        private static ErrorRecord NotFileSystem(string path, ProviderInfo provider)
        {
            return new ErrorRecord(
                new ArgumentException($"'{DisplayText.Escape(path)}' is a path of the {provider.Name} provider; OfflineData reads and writes file-system paths only."),
                NotFileSystemPathErrorId,
                ErrorCategory.InvalidArgument,
                path);
        }
    }
}
