using System;
using System.Collections.Generic;
using System.Globalization;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Store;

namespace OfflineData.Core.Matching
{
    /// <summary>
    /// Ties one offline row to online data by the rules of DOMAIN.md §2, in this order:
    /// <list type="number">
    /// <item>Transaction integration: recording is on for the report suite at import time, the row's transaction ID
    /// was recorded online, and the offline time lies within the window after the online transaction
    /// (from the online time itself up to and including exactly the window's length later).</item>
    /// <item>Customer integration: the row's Customer ID is a known online visitor.</item>
    /// <item>Otherwise the row is unattributed, and the reason is recorded.</item>
    /// </list>
    /// Pure: it reads the store only through the two lookups it is given and changes nothing, so a snapshot is
    /// never altered by the rows credited with it and rows sharing a transaction ID never see each other's values.
    /// </summary>
    internal sealed class OfflineRowMatcher
    {
        private readonly RecordingSettings? recording;
        private readonly Func<string, OnlineTransaction?> findTransaction;
        private readonly Func<string, bool> isKnownVisitor;

        /// <summary>Creates a matcher for one import.</summary>
        /// <param name="recording">The report suite's recording settings in force now (null = never configured, so off).</param>
        /// <param name="findTransaction">Finds a recorded online transaction by ID, or null.</param>
        /// <param name="isKnownVisitor">Whether an ID is a known online visitor of the report suite.</param>
        /// <param name="transactionIdColumn">The column that carries the transaction ID (default EventTransaction Attr1).</param>
        public OfflineRowMatcher(RecordingSettings? recording, Func<string, OnlineTransaction?> findTransaction, Func<string, bool> isKnownVisitor, TransactionIdColumn? transactionIdColumn = null)
        {
            this.recording = recording;
            this.findTransaction = findTransaction ?? throw new ArgumentNullException(nameof(findTransaction));
            this.isKnownVisitor = isKnownVisitor ?? throw new ArgumentNullException(nameof(isKnownVisitor));
            TransactionIdColumn = transactionIdColumn ?? TransactionIdColumn.Default;
        }

        /// <summary>The column the transaction ID is read from.</summary>
        public TransactionIdColumn TransactionIdColumn { get; }

        /// <summary>
        /// The transaction ID <see cref="Match"/> will look up for <paramref name="row"/>: the value of the configured
        /// column, or null when the row has none or recording is off (then no transaction is looked up at all).
        /// The importer announces these per chunk (<see cref="IImportSession.PrepareLookups"/>).
        /// </summary>
        public string? TransactionIdToLookUp(OfflineDataRecord row)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            return recording == null || !recording.Enabled ? null : TransactionIdColumn.GetValue(row);
        }

        /// <summary>Matches one row.</summary>
        public MatchResult Match(OfflineDataRecord row)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            var transactionId = TransactionIdColumn.GetValue(row);
            MatchReason transactionReason;
            string transactionDetail;
            OnlineTransaction? transaction = null;

            if (transactionId == null)
            {
                transactionReason = MatchReason.NoTransactionId;
                transactionDetail = $"no transaction ID in column '{TransactionIdColumn.Name}'";
            }
            else if (recording == null || !recording.Enabled)
            {
                transactionReason = MatchReason.RecordingDisabled;
                transactionDetail = $"transaction ID '{DisplayText.Escape(transactionId)}' not used: transaction ID recording is off for this report suite";
            }
            else
            {
                transaction = findTransaction(transactionId);
                if (transaction == null)
                {
                    transactionReason = MatchReason.TransactionUnknown;
                    transactionDetail = $"transaction ID '{DisplayText.Escape(transactionId)}' was never recorded online";
                }
                else if (row.Timestamp < transaction.Timestamp)
                {
                    transactionReason = MatchReason.OfflineBeforeOnline;
                    transactionDetail = $"offline time {Format(row.Timestamp)} is before online transaction '{DisplayText.Escape(transactionId)}' at {Format(transaction.Timestamp)}";
                    transaction = null;
                }
                else if (row.Timestamp - transaction.Timestamp > recording.Window)
                {
                    transactionReason = MatchReason.TransactionExpired;
                    transactionDetail = $"transaction '{DisplayText.Escape(transactionId)}' expired: offline time {Format(row.Timestamp)} is more than {recording.ExpirationDays} days after the online transaction at {Format(transaction.Timestamp)}";
                    transaction = null;
                }
                else
                {
                    transactionReason = MatchReason.TransactionMatched;
                    transactionDetail = $"credited to visitor '{DisplayText.Escape(transaction.VisitorId)}' by transaction '{DisplayText.Escape(transactionId)}' of {Format(transaction.Timestamp)}";
                }
            }

            if (transaction != null)
            {
                return new MatchResult(MatchOutcome.TransactionId, MatchReason.TransactionMatched, transactionReason, transactionId,
                    transaction.VisitorId, transaction.Timestamp, OverlayOfflineValues(transaction.State, row), transactionDetail);
            }

            if (isKnownVisitor(row.CustomerId))
            {
                return new MatchResult(MatchOutcome.CustomerId, MatchReason.CustomerMatched, transactionReason, transactionId,
                    row.CustomerId, null, null, $"credited to known visitor '{DisplayText.Escape(row.CustomerId)}' by customer ID; {transactionDetail}");
            }

            var reason = transactionReason == MatchReason.NoTransactionId ? MatchReason.CustomerUnknown : transactionReason;
            return new MatchResult(MatchOutcome.Unattributed, reason, transactionReason, transactionId, null, null, null,
                $"unattributed: {transactionDetail}, and customer ID '{DisplayText.Escape(row.CustomerId)}' is not a known online visitor");
        }

        /// <summary>
        /// A new dictionary: the snapshot with each shared dimension replaced by the row's non-empty value.
        /// The snapshot itself is never changed, so rows sharing a transaction ID never see each other's values.
        /// </summary>
        internal static IReadOnlyDictionary<string, string> OverlayOfflineValues(IReadOnlyDictionary<string, string> snapshot, OfflineDataRecord row)
        {
            var state = new Dictionary<string, string>(snapshot.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var pair in snapshot)
            {
                state[pair.Key] = OfflineValueFor(pair.Key, row) ?? pair.Value;
            }

            return state;
        }

        /// <summary>The row's non-empty value of the dimension named <paramref name="dimension"/>, if the row has that dimension.</summary>
        private static string? OfflineValueFor(string dimension, OfflineDataRecord row)
        {
            foreach (var number in DimensionColumns)
            {
                if (OfflineDataSchema.HeaderMatches(dimension.AsSpan(), number))
                {
                    var value = row.GetText(number);
                    return string.IsNullOrEmpty(value) ? null : value;
                }
            }

            return null;
        }

        /// <summary>The offline columns that are state dimensions: Category, Event Name, Var1-5, EventName Attr1-10.</summary>
        private static readonly int[] DimensionColumns = { 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22 };

        private static string Format(DateTime value) => value.ToString(OfflineDataSchema.TimestampFormat, CultureInfo.InvariantCulture);
    }
}
