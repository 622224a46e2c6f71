using System.Collections.Generic;
using System.IO;
using System.Linq;
using OfflineData.Core.Conversion;
using OfflineData.Core.Hashing;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Hashing
{
    /// <summary>Convert with -HashColumn: hashed columns written, invalid values rejected with a code and never shown raw.</summary>
    public sealed class ConvertHashingTests
    {
        private const string Source =
            "Timestamp,CustomerId,EventType,EventName,Num1,Num2,Phone\n" +
            "2024-05-25 12:00:00,John.Smith@gmail.com,7,S,1,1,070-123 45 67\n" +
            "2024-05-25 12:00:01,secret-not-an-email,7,S,1,1,070-123 45 67\n" +
            "2024-05-25 12:00:02,mary@example.com,7,S,1,1,12345-secret\n" +
            "not a time,mary@example.com,7,S,1,1,0046701234567\n";

        private static ConversionOptions Options(bool includeRaw = false) => new ConversionOptions
        {
            Mapping = ColumnMapping.Create(new Dictionary<string, object>
            {
                ["Timestamp"] = "Timestamp", ["CustomerId"] = "CustomerId", ["EventType"] = "EventType", ["EventName"] = "EventName",
                ["Num1"] = "Num1", ["Num2"] = "Num2", ["Var3"] = "Phone",
            }, null),
            Hashing = new ColumnHashing(
                new IdentifierHasher(HashProfile.Google, HashEncoding.Hex, "SE"),
                new[] { new KeyValuePair<string, IdentifierKind>("CustomerId", IdentifierKind.Email), new KeyValuePair<string, IdentifierKind>("Var3", IdentifierKind.Phone) },
                includeRaw),
        };

        private static string Sha(string text) => new IdentifierHasher(HashProfile.Google).Hash(text, IdentifierKind.Text);

        [Fact]
        public void HashedColumnsAreWrittenAsSha256()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", Source);
            var result = new OfflineDataConverter(Options()).Convert(src, dir.Combine("out.csv"));
            Assert.Equal(1, result.RowsWritten);
            var row = File.ReadAllLines(dir.Combine("out.csv"))[1].Split(';');
            Assert.Equal(Sha("johnsmith@gmail.com"), row[1]);
            Assert.Equal(Sha("+46701234567"), row[9]);
        }

        [Fact]
        public void InvalidEmailAndPhoneAreRejectedWithTheirCodesAndNoRawValue()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", Source);
            var rejected = new List<RejectedRow>();
            var result = new OfflineDataConverter(Options()).Convert(src, dir.Combine("out.csv"), new Observer(rejected));
            Assert.Equal(3, result.RowsRejected);
            Assert.Equal(1, result.RejectReasons[ConversionRejectReason.InvalidEmail]);
            Assert.Equal(1, result.RejectReasons[ConversionRejectReason.InvalidPhone]);
            Assert.Equal(new[] { "CustomerId", "Var3" }, rejected.Take(2).Select(r => r.Column));
            Assert.All(rejected, r => Assert.DoesNotContain("secret", r.ToString()));
            Assert.All(rejected.Take(2), r => Assert.Null(r.RawValue));

            var rejects = File.ReadAllText(result.RejectPath!);
            Assert.DoesNotContain("secret", rejects);
            Assert.DoesNotContain("mary@example.com", rejects);
            Assert.DoesNotContain("070-123 45 67", rejects);
            Assert.DoesNotContain("0046701234567", rejects);
            Assert.Contains("InvalidEmail (412)", rejects);
            Assert.Contains("InvalidPhone (413)", rejects);
            // The invalid value is masked; a valid one in a hashed column is written as its hash, so the fixed row converts again.
            Assert.Contains(RejectMask.Masked, rejects);
            Assert.Contains(Sha("mary@example.com"), rejects);
            Assert.Contains("not a time", rejects);
        }

        [Fact]
        public void RejectedRowsAreShownRawWhenAsked()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", Source);
            var result = new OfflineDataConverter(Options(includeRaw: true)).Convert(src, dir.Combine("out.csv"));
            var rejects = File.ReadAllText(result.RejectPath!);
            Assert.Contains("secret-not-an-email", rejects);
            Assert.Contains("12345-secret", rejects);
        }

        [Fact]
        public void AMalformedRowIsMaskedWhole()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n2024-05-25 12:00:00,se\"cret@example.com,7,S,1,1\n2024-05-25 12:00:00,mary@example.com,7,S,1,1\n");
            var options = Options();
            options.Mapping = null;
            var result = new OfflineDataConverter(options).Convert(src, dir.Combine("out.csv"));
            Assert.Equal(1, result.RejectReasons[ConversionRejectReason.MalformedRow]);
            Assert.DoesNotContain("cret@example.com", File.ReadAllText(result.RejectPath!));
        }

        private sealed class Observer : IConversionObserver
        {
            private readonly List<RejectedRow> rows;

            public Observer(List<RejectedRow> rows) => this.rows = rows;

            public void OnRejected(RejectedRow row) => rows.Add(row);

            public void OnProgress(string path, long bytesRead, long totalBytes, long rowsRead)
            {
            }
        }
    }
}
