using System;
using System.Collections.Generic;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    public class RecordFilterTests
    {
        private const string File =
            "2024-05-25 09:59:59;C-1;7;;SKU1;1;10;;;;;;;;;;;;;;;;T-100\n" +
            "2024-05-25 10:00:00;C-2;2;;SKU2;1;10;;;;;;;;;;;;;;;;T-200\n" +
            "2024-05-25 10:00:01;D-3;7;;SKU3;1;10\n" +
            "2024-05-26 00:00:00;C-4;12;;SKU4;1;10;;;;;;;;;;;;;;;;T-101;extra\n";

        [Fact]
        public void An_empty_filter_selects_every_row()
        {
            var filter = new RecordFilter();
            Assert.True(filter.IsEmpty);
            Assert.Equal(new[] { "C-1", "C-2", "D-3", "C-4" }, Select(filter));
        }

        [Fact]
        public void From_and_To_are_inclusive_and_a_fraction_of_a_second_is_honoured()
        {
            Assert.Equal(new[] { "C-2", "D-3" }, Select(new RecordFilter { From = new DateTime(2024, 5, 25, 10, 0, 0), To = new DateTime(2024, 5, 25, 10, 0, 1) }));

            // 10:00:00.5 is after the 10:00:00 row and before the 10:00:01 one.
            Assert.Equal(new[] { "D-3", "C-4" }, Select(new RecordFilter { From = new DateTime(2024, 5, 25, 10, 0, 0).AddMilliseconds(500) }));
            Assert.Equal(new[] { "C-1", "C-2" }, Select(new RecordFilter { To = new DateTime(2024, 5, 25, 10, 0, 0).AddMilliseconds(500) }));
            Assert.Empty(Select(new RecordFilter { From = new DateTime(2030, 1, 1) }));
        }

        [Fact]
        public void Event_types_select_any_of_the_codes()
        {
            Assert.Equal(new[] { "C-1", "D-3" }, Select(new RecordFilter { EventTypes = new HashSet<int> { 7 } }));
            Assert.Equal(new[] { "C-2", "C-4" }, Select(new RecordFilter { EventTypes = new HashSet<int> { 2, 12 } }));
        }

        [Fact]
        public void Customer_and_transaction_predicates_get_the_raw_field_and_a_missing_column_is_empty()
        {
            var seen = new List<string>();
            Assert.Equal(new[] { "C-1", "C-2", "C-4" }, Select(new RecordFilter { CustomerId = id => id.StartsWith("C-", StringComparison.Ordinal) }));
            Assert.Equal(new[] { "C-1", "C-4" }, Select(new RecordFilter { TransactionId = id => { seen.Add(id); return id.StartsWith("T-10", StringComparison.Ordinal); } }));
            Assert.Equal(new[] { "T-100", "T-200", string.Empty, "T-101" }, seen);

            // Another column: 24, the second transaction attribute.
            Assert.Equal(new[] { "C-4" }, Select(new RecordFilter { TransactionIdColumnNumber = 24, TransactionId = id => id == "extra" }));
        }

        [Fact]
        public void Every_condition_must_hold()
        {
            var filter = new RecordFilter
            {
                From = new DateTime(2024, 5, 25, 10, 0, 0),
                EventTypes = new HashSet<int> { 7, 12 },
                CustomerId = id => id.StartsWith("C-", StringComparison.Ordinal),
            };
            Assert.False(filter.IsEmpty);
            Assert.Equal(new[] { "C-4" }, Select(filter));
        }

        private static List<string> Select(RecordFilter filter)
        {
            using var dir = new TempDirectory();
            using var reader = OfflineDataReader.Open(dir.WriteText("f.csv", File), new OfflineDataReaderOptions { CheckDuplicates = false, Now = new DateTime(2025, 1, 1) });
            var selected = new List<string>();
            while (reader.Read())
            {
                Assert.False(reader.RowHasErrors, string.Join("; ", reader.Findings));
                if (filter.Matches(reader)) selected.Add(reader.ToRecord().CustomerId);
            }

            return selected;
        }
    }
}
