using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OfflineData.Core.Format;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Writing.AdobeDataSources;

namespace OfflineData.Core.Tests.AdobeDataSources
{
    /// <summary>Records and writers for the Adobe Data Sources tests; the clock is fixed so "future" is deterministic.</summary>
    internal static class AdobeTestRows
    {
        public static readonly DateTime Now = new DateTime(2026, 11, 29, 12, 0, 0);

        public static OfflineDataRecord Purchase(DateTime time, string transactionId = "T1", string customer = "C1", string product = "SKU1", string? category = "CAT", decimal num1 = 2m, decimal num2 = 19.90m, int eventType = 7)
            => new OfflineDataRecord
            {
                Timestamp = time,
                CustomerId = customer,
                EventType = eventType,
                Category = category,
                EventName = product,
                Num1 = num1,
                Num2 = num2,
                TransactionAttributes = new[] { transactionId },
                Path = "/in/till.csv",
                Line = 7,
            };

        public static AdobeDataSourceOptions Options(Action<AdobeDataSourceOptions>? configure = null)
        {
            var options = new AdobeDataSourceOptions { Prefix = "ds", Now = () => Now };
            configure?.Invoke(options);
            return options;
        }

        /// <summary>Writes <paramref name="records"/> and completes; returns the writer for its counts and files.</summary>
        public static AdobeDataSourceWriter WriteAll(TempDirectory dir, AdobeDataSourceOptions options, IEnumerable<OfflineDataRecord> records)
        {
            var writer = new AdobeDataSourceWriter(dir.FullName, options);
            foreach (var record in records) writer.Write(record);
            writer.Complete();
            return writer;
        }

        public static string[] Lines(string path) => File.ReadAllText(path).Split('\n').Where(l => l.Length > 0).ToArray();
    }
}
