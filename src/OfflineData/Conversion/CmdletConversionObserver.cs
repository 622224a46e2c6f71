using System.Management.Automation;
using OfflineData.Commands.Progress;
using OfflineData.Core.Conversion;

namespace OfflineData.Commands.Conversion
{
    /// <summary>Shows conversion progress by bytes and names every rejected row in the verbose stream.</summary>
    internal sealed class CmdletConversionObserver : IConversionObserver
    {
        private readonly Cmdlet cmdlet;
        private readonly ByteProgressReporter progress;

        public CmdletConversionObserver(Cmdlet cmdlet, ByteProgressReporter progress)
        {
            this.cmdlet = cmdlet;
            this.progress = progress;
        }

        public void OnProgress(string source, long bytesRead, long totalBytes, long rowsRead)
        {
            if (cmdlet.Stopping) throw new PipelineStoppedException();
            progress.Report(bytesRead, totalBytes);
        }

        public void OnRejected(RejectedRow row) => cmdlet.WriteVerbose("Rejected " + row);
    }
}
