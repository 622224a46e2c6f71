using System.Management.Automation;
using OfflineData.Commands.Progress;
using OfflineData.Core.Import;
using OfflineData.Core.Store;

namespace OfflineData.Commands.Store
{
    /// <summary>Turns what an import reports into progress, warnings, verbose messages and (with -PassThru) per-row output.</summary>
    internal sealed class CmdletImportObserver : IImportObserver
    {
        private readonly Cmdlet cmdlet;
        private readonly ByteProgressReporter progress;

        public CmdletImportObserver(Cmdlet cmdlet, ByteProgressReporter progress, bool passThru)
        {
            this.cmdlet = cmdlet;
            this.progress = progress;
            WantsRows = passThru;
        }

        public bool WantsRows { get; }

        public void Progress(string path, long bytesRead, long totalBytes, long rows) => progress.Report(bytesRead, totalBytes);

        public void Warning(string message) => cmdlet.WriteWarning(message);

        public void Verbose(string message) => cmdlet.WriteVerbose(message);

        public void RowMatched(StoredOfflineRow row) => cmdlet.WriteObject(row);
    }
}
