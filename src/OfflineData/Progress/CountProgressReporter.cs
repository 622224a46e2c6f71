using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace OfflineData.Commands.Progress
{
    /// <summary>
    /// Writes a cmdlet's progress by items of a named part (a table of a store being copied), at the same cadence as
    /// <see cref="ByteProgressReporter"/>: the first record of each part at once, then at most one per interval.
    /// </summary>
    internal sealed class CountProgressReporter
    {
        private readonly Cmdlet cmdlet;
        private readonly string activity;
        private readonly Stopwatch sinceLast = new Stopwatch();
        private string? part;
        private bool started;

        public CountProgressReporter(Cmdlet cmdlet, string activity)
        {
            this.cmdlet = cmdlet;
            this.activity = activity;
        }

        /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> items of <paramref name="name"/> (e.g. "offline rows").</summary>
        public void Report(string name, long done, long total)
        {
            bool newPart = !string.Equals(part, name, StringComparison.Ordinal);
            if (!newPart && sinceLast.IsRunning && sinceLast.Elapsed < ByteProgressReporter.Interval) return;
            part = name;
            started = true;
            sinceLast.Restart();
            var status = string.Format(CultureInfo.CurrentCulture, "{0}: {1:N0} of {2:N0}", name, done, total);
            cmdlet.WriteProgress(new ProgressRecord(1, activity, status)
            {
                CurrentOperation = name,
                PercentComplete = total > 0 ? (int)Math.Min(100, done * 100 / total) : 100,
                RecordType = ProgressRecordType.Processing,
            });
        }

        /// <summary>Writes the Completed record, once anything was reported.</summary>
        public void Complete()
        {
            if (!started) return;
            started = false;
            cmdlet.WriteProgress(new ProgressRecord(1, activity, "Done") { PercentComplete = 100, RecordType = ProgressRecordType.Completed });
        }
    }
}
