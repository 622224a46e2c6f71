using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace OfflineData.Commands.Progress
{
    /// <summary>
    /// Writes a cmdlet's progress by bytes of the current file, at most a few times a second:
    /// the core reports after every few thousand rows, and rendering each of those would slow a big file down.
    /// </summary>
    internal sealed class ByteProgressReporter
    {
        /// <summary>The least time between two progress records of a file: the one cadence of every cmdlet.</summary>
        public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

        private readonly Cmdlet cmdlet;
        private readonly ProgressRecord record;
        private readonly Stopwatch sinceLast = new Stopwatch();
        private readonly Stopwatch elapsed = new Stopwatch();

        /// <summary>Creates a reporter for one activity; <paramref name="activityId"/> keeps nested activities apart.</summary>
        public ByteProgressReporter(Cmdlet cmdlet, int activityId, string activity)
        {
            this.cmdlet = cmdlet;
            record = new ProgressRecord(activityId, activity, "Starting");
        }

        /// <summary>Starts reporting for a new file.</summary>
        public void Start(string path)
        {
            CurrentOperation = path;
            elapsed.Restart();
            sinceLast.Restart();
            record.RecordType = ProgressRecordType.Processing;
            record.PercentComplete = 0;
            record.SecondsRemaining = -1;
            record.CurrentOperation = path;
            record.StatusDescription = "Opening";
            cmdlet.WriteProgress(Snapshot());
        }

        /// <summary>The file being worked on.</summary>
        public string? CurrentOperation { get; private set; }

        /// <summary>Reports <paramref name="done"/> of <paramref name="total"/> bytes (total -1 when unknown).</summary>
        public void Report(long done, long total)
        {
            if (sinceLast.Elapsed < Interval) return;
            sinceLast.Restart();
            record.StatusDescription = total > 0
                ? string.Format(CultureInfo.CurrentCulture, "{0:N1} of {1:N1} MB", done / 1048576.0, total / 1048576.0)
                : string.Format(CultureInfo.CurrentCulture, "{0:N1} MB", done / 1048576.0);
            if (total > 0)
            {
                double fraction = Math.Min(1.0, (double)done / total);
                record.PercentComplete = (int)(fraction * 100);
                if (fraction > 0.01)
                {
                    record.SecondsRemaining = (int)(elapsed.Elapsed.TotalSeconds * (1 - fraction) / fraction);
                }
            }

            cmdlet.WriteProgress(Snapshot());
        }

        /// <summary>
        /// A copy of the current state: a host, job or hosting program may keep the records it was given, and one
        /// record changed after it was written made every kept record read "Completed, Done, 100%".
        /// </summary>
        private ProgressRecord Snapshot() => new ProgressRecord(record.ActivityId, record.Activity, record.StatusDescription)
        {
            CurrentOperation = record.CurrentOperation,
            ParentActivityId = record.ParentActivityId,
            PercentComplete = record.PercentComplete,
            RecordType = record.RecordType,
            SecondsRemaining = record.SecondsRemaining,
        };

        /// <summary>Marks the activity complete.</summary>
        public void Complete()
        {
            record.RecordType = ProgressRecordType.Completed;
            record.PercentComplete = 100;
            record.StatusDescription = "Done";
            cmdlet.WriteProgress(Snapshot());
        }
    }
}
