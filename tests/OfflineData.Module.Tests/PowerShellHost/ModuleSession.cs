using System;
using System.Collections;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace OfflineData.Module.Tests.PowerShellHost
{
    /// <summary>
    /// A PowerShell runspace, hosted in the test process, into which the assembled OfflineData module has been
    /// imported by its manifest path, as a user would import it. Scripts run with the engine's core cmdlets only
    /// (Where-Object, ForEach-Object, Get-Command, Get-Help, Set-Location ...); Microsoft.PowerShell.Utility and
    /// .Management are not present in this host. Not thread-safe: one session per test (or per test class fixture).
    /// </summary>
    public sealed class ModuleSession : IDisposable
    {
        private readonly Runspace _runspace;

        /// <summary>Imports the module assembled by the build (<see cref="ModuleLocation.ManifestPath"/>).</summary>
        public ModuleSession()
            : this(null)
        {
        }

        /// <summary>
        /// Imports the module from <paramref name="manifestPath"/> (default: the assembled module) into a new runspace.
        /// Throws <see cref="InvalidOperationException"/> if the manifest does not exist (with a hint to build) or does not import.
        /// </summary>
        public ModuleSession(string? manifestPath)
            : this(manifestPath, null)
        {
        }

        /// <summary>
        /// Imports the module into a runspace of <paramref name="host"/> (null: none), e.g. an <see cref="AnsweringHost"/>
        /// that answers -Confirm prompts.
        /// </summary>
        public ModuleSession(string? manifestPath, System.Management.Automation.Host.PSHost? host)
        {
            ManifestPath = manifestPath ?? ModuleLocation.ManifestPath;
            ModuleLocation.EnsureModuleIsBuilt(ManifestPath);

            // CreateDefault2 loads only the core engine commands; the execution policy is left alone on purpose
            // (on Windows it is the machine's business, and binary modules are not subject to it anyway).
            _runspace = host is null
                ? RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2())
                : RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
            _runspace.ThreadOptions = PSThreadOptions.UseCurrentThread;
            _runspace.Open();
            try
            {
                ImportResult = Invoke(
                    "param($ManifestPath) Import-Module -Name $ManifestPath -ErrorAction Stop -PassThru",
                    new Hashtable { ["ManifestPath"] = ManifestPath });
                if (!ImportResult.Succeeded)
                {
                    throw new InvalidOperationException(
                        $"Import-Module '{ManifestPath}' failed:{Environment.NewLine}{ImportResult.DescribeErrors()}");
                }

                Module = ImportResult.OutputOf<PSModuleInfo>().Single(m => m.Name == "OfflineData");
            }
            catch
            {
                _runspace.Dispose();
                throw;
            }
        }

        /// <summary>The manifest that was imported.</summary>
        public string ManifestPath { get; }

        /// <summary>The imported module, as Import-Module -PassThru returned it.</summary>
        public PSModuleInfo Module { get; }

        /// <summary>What the Import-Module call wrote (e.g. warnings about unapproved verbs).</summary>
        public InvocationResult ImportResult { get; }

        /// <summary>The session's current file-system location (what relative paths resolve against).</summary>
        public string CurrentLocation => _runspace.SessionStateProxy.Path.CurrentFileSystemLocation.ProviderPath;

        /// <summary>
        /// Runs <paramref name="script"/> and collects its output and every stream. A script that needs
        /// <paramref name="parameters"/> declares them in a param() block, e.g. <c>param($Path) Test-OfflineDataFile -Path $Path</c>;
        /// .NET objects (FileInfo, arrays) pass through unchanged. A terminating error does not throw: it is returned
        /// in <see cref="InvocationResult.TerminatingError"/> with the output written before it.
        /// </summary>
        public InvocationResult Invoke(string script, IDictionary? parameters = null)
        {
            using var powerShell = PowerShell.Create();
            powerShell.Runspace = _runspace;
            powerShell.AddScript(script);
            if (parameters is not null) powerShell.AddParameters(parameters);

            // Collect output into our own collection so objects written before a terminating error are kept.
            var output = new PSDataCollection<PSObject>();
            ErrorRecord? terminatingError = null;
            try
            {
                powerShell.Invoke<object, PSObject>(null, output, null);
            }
            catch (RuntimeException e)
            {
                terminatingError = e.ErrorRecord;
            }

            return Collect(powerShell, output, terminatingError);
        }

        /// <summary>
        /// Runs <paramref name="script"/> and stops it as Ctrl+C does (<see cref="PowerShell.Stop"/>, which calls
        /// the running cmdlets' StopProcessing) as soon as <paramref name="stopWhen"/>, polled from another thread,
        /// turns true. <paramref name="stopped"/> is true when the stop came while the script was still running and the
        /// pipeline ended in the Stopped state, so a test can tell a real mid-run stop from a script that finished first.
        /// </summary>
        public InvocationResult InvokeAndStopWhen(string script, IDictionary? parameters, Func<bool> stopWhen, out bool stopped)
        {
            using var powerShell = PowerShell.Create();
            powerShell.Runspace = _runspace;
            powerShell.AddScript(script);
            if (parameters is not null) powerShell.AddParameters(parameters);

            var output = new PSDataCollection<PSObject>();
            ErrorRecord? terminatingError = null;
            var finished = new System.Threading.ManualResetEventSlim();
            bool stopRequested = false;
            // A dedicated thread, not the thread pool: xunit's parallel tests block pool threads in Invoke, and a
            // starved pool would run the watcher only after the script had finished.
            var watcher = new System.Threading.Thread(() =>
            {
                while (!finished.IsSet)
                {
                    if (stopWhen())
                    {
                        stopRequested = !finished.IsSet;
                        powerShell.Stop(); // synchronous: BeginStop would wait for a thread-pool thread too
                        return;
                    }

                    System.Threading.Thread.Sleep(2);
                }
            }) { IsBackground = true, Name = "stop watcher" };
            watcher.Start();

            try
            {
                powerShell.Invoke<object, PSObject>(null, output, null);
            }
            catch (RuntimeException e)
            {
                terminatingError = e.ErrorRecord;
            }
            finally
            {
                finished.Set();
                watcher.Join();
            }

            // A stopped Invoke returns normally; the pipeline's final state says it was stopped.
            stopped = stopRequested && powerShell.InvocationStateInfo.State == PSInvocationState.Stopped;
            return Collect(powerShell, output, terminatingError);
        }

        private static InvocationResult Collect(PowerShell powerShell, PSDataCollection<PSObject> output, ErrorRecord? terminatingError)
        {
            var streams = powerShell.Streams;
            return new InvocationResult(
                new Collection<PSObject>(output.ToList()),
                streams.Error.ToList(),
                streams.Warning.ToList(),
                streams.Verbose.ToList(),
                streams.Debug.ToList(),
                streams.Information.ToList(),
                streams.Progress.ToList(),
                terminatingError);
        }

        /// <summary>
        /// Sets the session's current location, so a test can check that relative paths resolve against the
        /// PowerShell location rather than the process's working folder (which this does not change).
        /// Set-Location itself is in Microsoft.PowerShell.Management, which this host lacks; this is the same engine call.
        /// Throws <see cref="ItemNotFoundException"/> when <paramref name="path"/> does not exist.
        /// </summary>
        public void SetLocation(string path)
        {
            // The engine treats the path as a wildcard pattern: escape it so [ ] in temp paths stay literal.
            _runspace.SessionStateProxy.Path.SetLocation(WildcardPattern.Escape(path));
        }

        /// <summary>Closes the runspace.</summary>
        public void Dispose() => _runspace.Dispose();
    }
}
