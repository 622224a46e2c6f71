using System;
using System.Collections.Generic;
using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Import;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Import
{
    public class OnlineActivityInputTests
    {
        private static OnlineActivity? Create(out Finding? error, params (string, object?)[] fields) =>
            OnlineActivityFactory.Create("web.csv", 7, fields.Select(f => new KeyValuePair<string, object?>(f.Item1, f.Item2)), out error);

        [Fact]
        public void ATransactionIdOverOneHundredUtf8BytesIsRejectedWithALocatedError()
        {
            // 50 two-byte characters are 100 bytes; one more is over.
            var ok = Create(out var none, ("Timestamp", "2024-03-01 10:00:00"), ("VisitorId", "V1"), ("TransactionId", new string('é', 50)));
            Assert.NotNull(ok);
            Assert.Null(none);

            var tooLong = Create(out var error, ("Timestamp", "2024-03-01 10:00:00"), ("VisitorId", "V1"), ("TransactionId", new string('é', 50) + "x"));
            Assert.Null(tooLong);
            Assert.Equal(FindingCode.TransactionIdTooLong, error!.CodeValue);
            Assert.Equal(7, error.Line);
            Assert.Equal("web.csv", error.Path);
            Assert.Contains("101 bytes", error.Message);
        }

        [Fact]
        public void AMissingVisitorIdOrBadTimestampIsALocatedError()
        {
            Create(out var noVisitor, ("Timestamp", "2024-03-01 10:00:00"), ("VisitorId", ""));
            Assert.Equal(FindingCode.MissingVisitorId, noVisitor!.CodeValue);

            Create(out var badTime, ("Timestamp", "01/03/2024"), ("VisitorId", "V1"));
            Assert.Equal(FindingCode.InvalidOnlineTimestamp, badTime!.CodeValue);
            Assert.Equal("01/03/2024", badTime.RawValue);
        }

        [Fact]
        public void FurtherColumnsAreStateDimensions_AndNamesAreMatchedLoosely()
        {
            var activity = Create(out _, ("time stamp", new DateTime(2024, 3, 1, 10, 0, 0)), ("Visitor ID", "V1"), ("transaction_id", "T1"), ("Campaign", "spring"), ("Channel", ""))!;

            Assert.Equal("T1", activity.TransactionId);
            Assert.Equal(new DateTime(2024, 3, 1, 10, 0, 0), activity.Timestamp);
            Assert.Equal("spring", activity.State["Campaign"]);
            Assert.False(activity.State.ContainsKey("Channel"));
        }

        [Fact]
        public void TheFileReaderDetectsTheDelimiterAndLocatesBadRows()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("web.csv", "Timestamp;VisitorId;TransactionId;Campaign\n2024-03-01 10:00:00;V1;T1;spring\n2024-03-01 11:00:00;V2\n2024-03-01 12:00:00;V3;;\"multi\nline\"\nnot-a-time;V4;T4;x\n");

            var rows = OnlineActivityFileReader.Read(path).ToList();

            Assert.Equal(4, rows.Count);
            Assert.Equal("spring", rows[0].Activity!.State["Campaign"]);
            Assert.Equal(FindingCode.MalformedOnlineRow, rows[1].Error!.CodeValue);
            Assert.Equal(3, rows[1].Error!.Line);
            Assert.Equal("multi\nline", rows[2].Activity!.State["Campaign"]);
            Assert.Null(rows[2].Activity!.TransactionId);
            Assert.Equal(FindingCode.InvalidOnlineTimestamp, rows[3].Error!.CodeValue);
            Assert.Equal(6, rows[3].Error!.Line);
        }

        [Fact]
        public void AFileWithoutTimestampAndVisitorColumnsIsOneClearError()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("web.csv", "When,Who\n2024-03-01 10:00:00,V1\n");

            var row = Assert.Single(OnlineActivityFileReader.Read(path));
            Assert.Equal(FindingCode.MissingOnlineColumn, row.Error!.CodeValue);
        }
    }
}
