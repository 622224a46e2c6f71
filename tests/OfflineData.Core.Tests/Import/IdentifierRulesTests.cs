using System.Collections.Generic;
using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Import;
using OfflineData.Core.Store;
using Xunit;

namespace OfflineData.Core.Tests.Import
{
    /// <summary>
    /// Visitor and transaction IDs follow one rule: invisible characters (zero-width space, BOM, bidi marks) are
    /// white space, an ID of only those is no ID, and transaction IDs are trimmed as timestamps are.
    /// </summary>
    public sealed class IdentifierRulesTests
    {
        private static OnlineActivity? Create(out Finding? error, params (string, object?)[] fields) =>
            OnlineActivityFactory.Create("web.csv", 3, fields.Select(f => new KeyValuePair<string, object?>(f.Item1, f.Item2)), out error);

        [Theory]
        [InlineData("\u200B")]
        [InlineData("\u200B\u200B ")]
        [InlineData("\uFEFF")]
        [InlineData("\u200E\u2060")]
        [InlineData(" \t")]
        public void A_visitor_id_of_only_invisible_characters_is_missing(string visitor)
        {
            var activity = Create(out var error, ("Timestamp", "2024-03-01 10:00:00"), ("VisitorId", visitor));

            Assert.Null(activity);
            Assert.Equal(FindingCode.MissingVisitorId, error!.CodeValue);
        }

        [Theory]
        [InlineData(" T1 ", "T1")]
        [InlineData("\tT1", "T1")]
        [InlineData("\u200BT1\u200B", "T1")]
        public void A_transaction_id_is_trimmed_like_the_timestamp(string raw, string expected)
        {
            var activity = Create(out var error, ("Timestamp", " 2024-03-01 10:00:00 "), ("VisitorId", "V1"), ("TransactionId", raw));

            Assert.Null(error);
            Assert.Equal(expected, activity!.TransactionId);
        }

        [Fact]
        public void A_transaction_id_of_only_invisible_characters_is_no_transaction()
        {
            var activity = Create(out var error, ("Timestamp", "2024-03-01 10:00:00"), ("VisitorId", "V1"), ("TransactionId", "\u200B"));

            Assert.Null(error);
            Assert.Null(activity!.TransactionId);
        }

        [Fact]
        public void An_id_with_inner_spaces_keeps_them()
        {
            Assert.Equal("T 1", IdentifierText.Normalize(" T 1 "));
            Assert.Equal("a\u200Bb", IdentifierText.Normalize("a\u200Bb"));
        }
    }
}
