using System;
using System.Management.Automation;
using System.Threading;
using OfflineData.Commands.Progress;

namespace OfflineData.Commands.Base
{
    /// <summary>
    /// What every OfflineData cmdlet shares: a cancellation token that Ctrl+C (StopProcessing) cancels, so the core
    /// stops mid-file; disposal of what the cmdlet opened; and one <see cref="CmdletObserver"/> for progress, warnings
    /// and verbose output, whose Completed progress record is written at the end of every call.
    /// </summary>
    public abstract class OfflineDataCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private CmdletObserver? observer;

        /// <summary>Cancelled when the pipeline is stopped (Ctrl+C, Select-Object -First); pass it to the core.</summary>
        protected CancellationToken StopToken => stopping.Token;

        /// <summary>The progress, warning and verbose output of this call (created on first use).</summary>
        internal CmdletObserver Observer => observer ??= new CmdletObserver(this, ProgressActivity);

        /// <summary>The progress activity, e.g. "Reading offline data"; by default the command's name.</summary>
        protected virtual string ProgressActivity => MyInvocation.MyCommand.Name;

        /// <inheritdoc />
        protected sealed override void EndProcessing()
        {
            EndCommand();
            observer?.Complete();
        }

        /// <summary>What the cmdlet does at the end of the pipeline (EndProcessing); the progress is completed after it.</summary>
        protected virtual void EndCommand()
        {
        }

        /// <inheritdoc />
        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>Runs <paramref name="action"/>; a cancellation by <see cref="StopToken"/> stops the pipeline as PowerShell expects.</summary>
        protected T UntilStopped<T>(Func<CancellationToken, T> action)
        {
            try
            {
                return action(StopToken);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Releases what the cmdlet opened.</summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases the cancellation source; derived cmdlets release their own resources, then call this.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing) stopping.Dispose();
        }
    }
}
