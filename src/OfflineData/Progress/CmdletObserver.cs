using System.Management.Automation;
using OfflineData.Core.Conversion;
using OfflineData.Core.Import;
using OfflineData.Core.Store;

namespace OfflineData.Commands.Progress
{
    /// <summary>
    /// The one shape in which the core's work reaches the user, whichever cmdlet runs it: progress by bytes of the
    /// current file (throttled by <see cref="ByteProgressReporter"/>, the same cadence everywhere, and a Completed
    /// record at the end), warnings and verbose messages, and (for -PassThru) per-row output. It is the observer of
    /// conversions and imports, and the progress callback of validation and reading.
    /// </summary>
    internal sealed class CmdletObserver : IConversionObserver, IImportObserver
    {
        private readonly Cmdlet cmdlet;
        private readonly ByteProgressReporter progress;
        private bool started;

        public CmdletObserver(Cmdlet cmdlet, string activity)
        {
            this.cmdlet = cmdlet;
            progress = new ByteProgressReporter(cmdlet, 1, activity);
        }

        /// <summary>Whether matched rows go to the pipeline (Import-OfflineData -PassThru).</summary>
        public bool WantsRows { get; set; }

        /// <summary>Starts the progress of a new file.</summary>
        public void StartFile(string path)
        {
            started = true;
            progress.Start(path);
        }

        /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> bytes (total -1 when unknown); throttled.</summary>
        public void Progress(long done, long total) => progress.Report(done, total);

        /// <summary>Writes the Completed record, once files were worked on.</summary>
        public void Complete()
        {
            if (started) progress.Complete();
            started = false;
        }

        /// <summary>A warning for the user.</summary>
        public void Warning(string message) => cmdlet.WriteWarning(message);

        /// <summary>A verbose message.</summary>
        public void Verbose(string message) => cmdlet.WriteVerbose(message);

        void IConversionObserver.OnProgress(string source, long bytesRead, long totalBytes, long rowsRead)
        {
            if (cmdlet.Stopping) throw new PipelineStoppedException();
            progress.Report(bytesRead, totalBytes);
        }

        void IConversionObserver.OnRejected(RejectedRow row) => cmdlet.WriteVerbose("Rejected " + row);

        void IImportObserver.Progress(string path, long bytesRead, long totalBytes, long rows) => progress.Report(bytesRead, totalBytes);

        void IImportObserver.RowMatched(StoredOfflineRow row) => cmdlet.WriteObject(row);
    }
}
