using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using CsvHelper;
using OfflineData.Core.Store;
using OfflineData.Core.Writing;

namespace OfflineData.Core.Exporting
{
    /// <summary>
    /// A batch as CSV (CsvHelper, RFC 4180, header) or JSON Lines (System.Text.Json, one object a line): the stored
    /// row with its match — outcome, reason, transaction reason, credited visitor, online time and state.
    /// </summary>
    internal sealed class TableBatchWriter : IBatchWriter
    {
        /// <summary>The columns, in order (CSV header, JSON property names).</summary>
        internal static readonly string[] Columns =
        {
            "RowId", "ImportId", "ReportSuite", "Timestamp", "CustomerId", "EventType", "EventName", "Num1", "Num2",
            "TransactionId", "Outcome", "Reason", "TransactionReason", "CreditedVisitorId", "OnlineTimestamp", "State",
        };

        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);
        private readonly string path;
        private readonly AtomicFileWriter file;
        private readonly StreamWriter? text;
        private readonly CsvWriter? csv;
        private readonly Utf8JsonWriter? json;
        private static readonly byte[] NewLine = { (byte)'\n' };

        public TableBatchWriter(string path, bool jsonLines)
        {
            this.path = path;
            file = AtomicFileWriter.Create(path, overwrite: true);
            if (jsonLines)
            {
                json = new Utf8JsonWriter(file.Stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            }
            else
            {
                text = new StreamWriter(file.Stream, Utf8, 65536, leaveOpen: true) { NewLine = "\n" };
                csv = new CsvWriter(text, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
                foreach (var column in Columns) csv.WriteField(column);
                csv.NextRecord();
            }
        }

        public long Rows { get; private set; }

        public long Rejected => 0;

        public IReadOnlyDictionary<string, long> RejectCounts { get; } = new Dictionary<string, long>();

        public void Write(StoredOfflineRow row)
        {
            if (json != null) WriteJson(row);
            else WriteCsv(row);
            Rows++;
        }

        public IReadOnlyList<string> Commit()
        {
            // Everything flushed and the formatters closed before the file is moved into place (they do not own it).
            json?.Dispose();
            csv?.Dispose();
            text?.Dispose();
            file.Commit();
            return new[] { path };
        }

        public void Dispose()
        {
            // After Commit the formatters are closed already; before it (a failure) the file is dropped anyway.
            try
            {
                json?.Dispose();
                csv?.Dispose();
                text?.Dispose();
            }
            catch (ObjectDisposedException)
            {
            }

            file.Dispose();
        }

        private void WriteCsv(StoredOfflineRow row)
        {
            csv!.WriteField(row.Id?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            csv.WriteField(row.ImportId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            csv.WriteField(row.ReportSuite);
            csv.WriteField(Time(row.Timestamp));
            csv.WriteField(row.CustomerId);
            csv.WriteField(row.EventType.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.EventName);
            csv.WriteField(OfflineDataWriter.FormatNumber(row.Num1));
            csv.WriteField(OfflineDataWriter.FormatNumber(row.Num2));
            csv.WriteField(row.TransactionId ?? string.Empty);
            csv.WriteField(row.Outcome);
            csv.WriteField(row.Reason);
            csv.WriteField(row.TransactionReason);
            csv.WriteField(row.CreditedVisitorId ?? string.Empty);
            csv.WriteField(row.OnlineTimestamp.HasValue ? Time(row.OnlineTimestamp.Value) : string.Empty);
            csv.WriteField(StateJson(row.State));
            csv.NextRecord();
        }

        private void WriteJson(StoredOfflineRow row)
        {
            var w = json!;
            w.WriteStartObject();
            if (row.Id.HasValue) w.WriteNumber("RowId", row.Id.Value); else w.WriteNull("RowId");
            if (row.ImportId.HasValue) w.WriteNumber("ImportId", row.ImportId.Value); else w.WriteNull("ImportId");
            w.WriteString("ReportSuite", row.ReportSuite);
            w.WriteString("Timestamp", Time(row.Timestamp));
            w.WriteString("CustomerId", row.CustomerId);
            w.WriteNumber("EventType", row.EventType);
            w.WriteString("EventName", row.EventName);
            w.WriteNumber("Num1", row.Num1);
            w.WriteNumber("Num2", row.Num2);
            if (row.TransactionId != null) w.WriteString("TransactionId", row.TransactionId); else w.WriteNull("TransactionId");
            w.WriteString("Outcome", row.Outcome);
            w.WriteString("Reason", row.Reason);
            w.WriteString("TransactionReason", row.TransactionReason);
            if (row.CreditedVisitorId != null) w.WriteString("CreditedVisitorId", row.CreditedVisitorId); else w.WriteNull("CreditedVisitorId");
            if (row.OnlineTimestamp.HasValue) w.WriteString("OnlineTimestamp", Time(row.OnlineTimestamp.Value)); else w.WriteNull("OnlineTimestamp");
            w.WriteStartObject("State");
            foreach (var pair in row.State) w.WriteString(pair.Key, pair.Value);
            w.WriteEndObject();
            w.WriteEndObject();
            w.Flush();
            file.Stream.Write(NewLine, 0, 1);
            w.Reset();
        }

        /// <summary>Offline and online times as they are stored: local times without a zone, ISO 8601.</summary>
        private static string Time(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

        private static string StateJson(IReadOnlyDictionary<string, string> state)
        {
            if (state.Count == 0) return string.Empty;
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartObject();
                foreach (var pair in state) w.WriteString(pair.Key, pair.Value);
                w.WriteEndObject();
            }

            return Utf8.GetString(buffer.ToArray());
        }
    }
}
