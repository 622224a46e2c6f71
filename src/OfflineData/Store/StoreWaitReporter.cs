using System.Management.Automation;
using System.Threading;

namespace OfflineData.Commands.Store
{
    /// <summary>
    /// Tells the user that a write waits for another process's lock on the store (another import, on this machine
    /// or, for a server store, on another): a verbose message with the store's words and a progress record, so an
    /// import that seems to hang says why. <see cref="Done"/> completes the progress record once the wait is over.
    /// </summary>
    internal sealed class StoreWaitReporter
    {
        /// <summary>The progress activity of the wait, apart from the file progress of the import cmdlets (1 and up).</summary>
        public const int ActivityId = 0x5707;

        /// <summary>The progress record's activity.</summary>
        public const string Activity = "Waiting for the store lock held by another import…";

        private readonly Cmdlet cmdlet;
        private readonly string storeName;
        private readonly int pipelineThread = Thread.CurrentThread.ManagedThreadId;
        private bool shown;

        /// <summary>Reports waits of <paramref name="cmdlet"/> for the store named <paramref name="storeName"/> (its display name).</summary>
        public StoreWaitReporter(Cmdlet cmdlet, string storeName)
        {
            this.cmdlet = cmdlet;
            this.storeName = storeName;
        }

        /// <summary>The store's <c>StoreOpenOptions.Waiting</c> callback; <paramref name="message"/> never holds a secret.</summary>
        public void Waiting(string message)
        {
            // A cmdlet writes only on its pipeline thread; a store waiting on another thread is told nothing rather
            // than failing the import with PSInvalidOperationException.
            if (Thread.CurrentThread.ManagedThreadId != pipelineThread) return;
            cmdlet.WriteVerbose(message);
            cmdlet.WriteProgress(new ProgressRecord(ActivityId, Activity, $"Store {storeName}") { CurrentOperation = message });
            shown = true;
        }

        /// <summary>Completes the progress record of a wait, if one was shown (call after the store operation that may wait).</summary>
        public void Done()
        {
            if (!shown) return;
            shown = false;
            cmdlet.WriteProgress(new ProgressRecord(ActivityId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
