namespace OfflineData.Core.Store
{
    /// <summary>
    /// The columns of the store's tables, named alike in every store implementation (only their types differ by
    /// dialect), in the order the stores' row decoders and the store copy read and write them.
    /// </summary>
    internal static class StoreColumns
    {
        /// <summary>The recording settings of a report suite.</summary>
        public const string ReportSuite = "id, recording_enabled, expiration_days, enabled_since, updated_at";

        /// <summary>A recorded online transaction.</summary>
        public const string Transaction = "report_suite, transaction_id, visitor_id, occurred_at, state, recorded_at, duplicate_count";

        /// <summary>A known online visitor.</summary>
        public const string Visitor = "report_suite, visitor_id, first_seen, last_seen";

        /// <summary>An import ledger entry.</summary>
        public const string Ledger = @"id, report_suite, file_name, path, size, sha256, started_at, ended_at, status, rows, imported,
    matched_transaction, matched_customer, unattributed, unattributed_by_reason, rejected, duplicates, warnings, revenue,
    distinct_customers, quarantine_path, transaction_id_column, superseded_by, message";

        /// <summary>A delivery ledger entry (status as the <see cref="DeliveryStatus"/> number).</summary>
        public const string Delivery = "id, destination, source_path, file_name, remote_name, marker_name, sha256, size, started_at, ended_at, status, attempts, message, suppressed_rows";

        /// <summary>A stored offline row with its match result.</summary>
        public const string OfflineRow = @"id, import_id, report_suite, occurred_at, customer_id, event_type, category, event_name, num1, num2,
    var1, var2, var3, var4, var5, attr1, attr2, attr3, attr4, attr5, attr6, attr7, attr8, attr9, attr10,
    transaction_attributes, entry, line, row_index, outcome, reason, transaction_reason, transaction_id, credited_visitor, online_time, state";

        /// <summary><see cref="OfflineRow"/> of the table aliased <paramref name="alias"/> (for a join).</summary>
        public static string OfflineRowOf(string alias) => alias + "." + OfflineRow.Replace(", ", ", " + alias + ".").Replace("\n    ", "\n    " + alias + ".");
    }
}
