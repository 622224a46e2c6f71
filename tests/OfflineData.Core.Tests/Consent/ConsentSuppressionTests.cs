using OfflineData.Core.Consent;
using OfflineData.Core.Hashing;
using Xunit;

namespace OfflineData.Core.Tests.Consent
{
    /// <summary>
    /// Which customer IDs a suppression holds back: the stored ID exactly, and the hashes Convert-OfflineDataFile
    /// -HashColumn writes for it, so a file hashed before it is sent still loses an opted-out customer's rows.
    /// </summary>
    public sealed class ConsentSuppressionTests
    {
        private static readonly ConsentSuppression OptedOut = ConsentSuppression.Of(new[] { "John.Smith+shop@gmail.com", "+46701234567", "C-1001" });

        [Fact]
        public void The_stored_ID_is_suppressed_exactly_and_another_ID_is_not()
        {
            Assert.True(OptedOut.IsSuppressed("C-1001"));
            Assert.False(OptedOut.IsSuppressed("c-1001"));
            Assert.False(OptedOut.IsSuppressed("C-1002"));
            Assert.False(OptedOut.IsSuppressed(""));
            Assert.False(OptedOut.IsSuppressed(null));
        }

        [Theory]
        [InlineData(HashProfile.Google, HashEncoding.Hex, IdentifierKind.Email, "John.Smith+shop@gmail.com")]
        [InlineData(HashProfile.Google, HashEncoding.Base64, IdentifierKind.Email, "John.Smith+shop@gmail.com")]
        [InlineData(HashProfile.Meta, HashEncoding.Hex, IdentifierKind.Email, "John.Smith+shop@gmail.com")]
        [InlineData(HashProfile.Google, HashEncoding.Hex, IdentifierKind.Phone, "+46701234567")]
        [InlineData(HashProfile.Meta, HashEncoding.Hex, IdentifierKind.Phone, "+46701234567")]
        [InlineData(HashProfile.Meta, HashEncoding.Hex, IdentifierKind.Text, "C-1001")]
        public void A_hashed_ID_of_an_opted_out_customer_is_suppressed_whichever_profile_encoding_and_kind_wrote_it(HashProfile profile, HashEncoding encoding, IdentifierKind kind, string id)
        {
            var hash = new IdentifierHasher(profile, encoding).Hash(id, kind);

            Assert.True(OptedOut.IsSuppressed(hash));
            if (encoding == HashEncoding.Hex) Assert.True(OptedOut.IsSuppressed(hash.ToUpperInvariant()));
        }

        [Fact]
        public void The_hash_of_a_customer_who_did_not_opt_out_is_not_suppressed()
        {
            var hash = new IdentifierHasher(HashProfile.Google).Hash("someone.else@gmail.com", IdentifierKind.Email);

            Assert.False(OptedOut.IsSuppressed(hash));
            Assert.False(ConsentSuppression.None.IsSuppressed(hash));
        }
    }
}
