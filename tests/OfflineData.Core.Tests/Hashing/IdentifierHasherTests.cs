using System;
using System.Security.Cryptography;
using System.Text;
using OfflineData.Core.Hashing;
using Xunit;

namespace OfflineData.Core.Tests.Hashing
{
    /// <summary>Each normalisation rule of DOMAIN §7 and issue 12, one test each, plus Meta's published vectors.</summary>
    public sealed class IdentifierHasherTests
    {
        private const string JohnSmith = "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f";
        private const string MetaPhone = "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176";
        private const string Mary = "6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec";

        private static readonly IdentifierHasher Google = new IdentifierHasher(HashProfile.Google);
        private static readonly IdentifierHasher Meta = new IdentifierHasher(HashProfile.Meta);
        private static readonly IdentifierHasher GoogleSe = new IdentifierHasher(HashProfile.Google, defaultRegion: "SE");
        private static readonly IdentifierHasher MetaSe = new IdentifierHasher(HashProfile.Meta, defaultRegion: "se");

        private static string Sha(string text)
        {
            using var sha = SHA256.Create();
            var sb = new StringBuilder();
            foreach (var b in sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(text))) sb.Append(b.ToString("x2"));
            return sb.ToString();
        }

        [Fact]
        public void MetaVectorEmail() => Assert.Equal(JohnSmith, Meta.Hash("john_smith@gmail.com", IdentifierKind.Email));

        [Fact]
        public void MetaVectorPhone() => Assert.Equal(MetaPhone, Meta.Hash("16505551212", IdentifierKind.Phone));

        [Fact]
        public void MetaVectorPhoneFromAFormattedInternationalNumber() => Assert.Equal(MetaPhone, Meta.Hash("+1 (650) 555-1212", IdentifierKind.Phone));

        [Fact]
        public void MetaVectorName() => Assert.Equal(Mary, Meta.Hash("Mary", IdentifierKind.Name));

        [Fact]
        public void Trim() => Assert.Equal(JohnSmith, Meta.Hash("  john_smith@gmail.com \t", IdentifierKind.Email));

        [Fact]
        public void Lowercase() => Assert.Equal(JohnSmith, Meta.Hash("John_Smith@Gmail.COM", IdentifierKind.Email));

        [Fact]
        public void Nfc()
        {
            // "é" decomposed (e + U+0301) and composed (U+00E9) are one value after NFC.
            Assert.Equal(Sha("andré"), Meta.Hash("Andre\u0301", IdentifierKind.Text));
            Assert.Equal(Meta.Hash("andr\u00e9", IdentifierKind.Text), Meta.Hash("ANDRE\u0301", IdentifierKind.Text));
        }

        [Fact]
        public void GmailDots() => Assert.Equal("johnsmith@gmail.com", Google.Normalize("John.Smith@gmail.com", IdentifierKind.Email));

        [Fact]
        public void GmailPlusTag() => Assert.Equal("johnsmith@gmail.com", Google.Normalize("john.smith+offers@gmail.com", IdentifierKind.Email));

        [Fact]
        public void Googlemail() => Assert.Equal("johnsmith@googlemail.com", Google.Normalize("j.o.h.n.smith+x@GoogleMail.com", IdentifierKind.Email));

        [Fact]
        public void NonGmailKeepsDots() => Assert.Equal("john.smith+offers@example.com", Google.Normalize("John.Smith+offers@example.com", IdentifierKind.Email));

        [Fact]
        public void MetaKeepsGmailDots() => Assert.Equal("john.smith@gmail.com", Meta.Normalize("john.smith@gmail.com", IdentifierKind.Email));

        [Fact]
        public void E164WithPlusForGoogle() => Assert.Equal("+18005550100", Google.Normalize("+1 800 555 0100", IdentifierKind.Phone));

        [Fact]
        public void E164WithoutPlusForMeta() => Assert.Equal("18005550100", Meta.Normalize("+1 800 555 0100", IdentifierKind.Phone));

        [Theory]
        [InlineData("070-123 45 67")]
        [InlineData("+46 (0)70 123 45 67")]
        [InlineData("0046701234567")]
        public void SwedishForms(string phone)
        {
            Assert.Equal("+46701234567", GoogleSe.Normalize(phone, IdentifierKind.Phone));
            Assert.Equal("46701234567", MetaSe.Normalize(phone, IdentifierKind.Phone));
            Assert.Equal(Sha("+46701234567"), GoogleSe.Hash(phone, IdentifierKind.Phone));
            Assert.Equal(Sha("46701234567"), MetaSe.Hash(phone, IdentifierKind.Phone));
        }

        [Fact]
        public void InternationalFormsNeedNoDefaultRegion()
        {
            Assert.Equal("+46701234567", Google.Normalize("+46 (0)70 123 45 67", IdentifierKind.Phone));
            Assert.Equal("+46701234567", Google.Normalize("0046701234567", IdentifierKind.Phone));
        }

        [Fact]
        public void NationalFormWithoutDefaultRegionIsInvalidPhone()
        {
            Assert.False(Google.TryHash("070-123 45 67", IdentifierKind.Phone, out _, out var failure));
            Assert.Equal(IdentifierFailure.InvalidPhone, failure);
        }

        [Theory]
        [InlineData(IdentifierKind.Email, "John.Smith+x@gmail.com")]
        [InlineData(IdentifierKind.Phone, "070-123 45 67")]
        [InlineData(IdentifierKind.Name, "O'Brien")]
        [InlineData(IdentifierKind.Text, "Customer-42")]
        public void Idempotence(IdentifierKind kind, string value)
        {
            foreach (var hasher in new[] { GoogleSe, MetaSe, new IdentifierHasher(HashProfile.Google, HashEncoding.Base64, "SE") })
            {
                var once = hasher.Hash(value, kind);
                Assert.Equal(once, hasher.Hash(once, kind));
            }
        }

        [Fact]
        public void PassThrough()
        {
            Assert.Equal(JohnSmith, Meta.Hash(JohnSmith, IdentifierKind.Email));
            Assert.Equal(JohnSmith, Google.Hash(" " + JohnSmith.ToUpperInvariant() + " ", IdentifierKind.Phone));
            var base64 = Convert.ToBase64String(new byte[32]);
            Assert.Equal(base64, Google.Hash(base64, IdentifierKind.Email));
            // Meta takes hex only: a Base64 string is an ordinary (invalid) email there.
            Assert.False(Meta.TryHash(base64, IdentifierKind.Email, out _, out var failure));
            Assert.Equal(IdentifierFailure.InvalidEmail, failure);
        }

        [Fact]
        public void Base64ForGoogle()
        {
            var hasher = new IdentifierHasher(HashProfile.Google, HashEncoding.Base64);
            using var sha = SHA256.Create();
            var expected = Convert.ToBase64String(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes("johnsmith@gmail.com")));
            Assert.Equal(expected, hasher.Hash("John.Smith@gmail.com", IdentifierKind.Email));
            Assert.Equal(44, expected.Length);
        }

        [Fact]
        public void Base64ForMetaIsRefused()
        {
            var e = Assert.Throws<ArgumentException>(() => new IdentifierHasher(HashProfile.Meta, HashEncoding.Base64));
            Assert.Contains("Google", e.Message);
        }

        [Fact]
        public void UnknownRegionIsRefused()
        {
            var e = Assert.Throws<ArgumentException>(() => new IdentifierHasher(HashProfile.Google, defaultRegion: "XQ"));
            Assert.Contains("'XQ' is not a region", e.Message);
            Assert.True(IdentifierHasher.IsKnownRegion("se"));
            Assert.Contains("SE", IdentifierHasher.SupportedRegions);
        }

        [Fact]
        public void MetaNameWithoutPunctuation() => Assert.Equal("obrien", Meta.Normalize(" O'Brien. ", IdentifierKind.Name));

        [Fact]
        public void TextIsTrimmedLowercasedOnly() => Assert.Equal("c-42 x.y", Google.Normalize("  C-42 X.Y ", IdentifierKind.Text));

        [Fact]
        public void BlankStaysEmpty()
        {
            Assert.True(Google.TryHash("   ", IdentifierKind.Email, out var hash, out _));
            Assert.Equal(string.Empty, hash);
        }

        [Theory]
        [InlineData("secret.person.example.com")]
        [InlineData("secret@person@example.com")]
        [InlineData("@example.com")]
        [InlineData("secret person@example.com")]
        [InlineData("secret@localhost")]
        public void InvalidEmail(string value)
        {
            Assert.False(Google.TryHash(value, IdentifierKind.Email, out _, out var failure));
            Assert.Equal(IdentifierFailure.InvalidEmail, failure);
            var e = Assert.Throws<IdentifierHashException>(() => Google.Hash(value, IdentifierKind.Email));
            Assert.Equal(IdentifierFailure.InvalidEmail, e.Failure);
            Assert.DoesNotContain("secret", e.Message);
        }

        [Theory]
        [InlineData("12")]
        [InlineData("not a phone")]
        [InlineData("+46 70 12")]
        public void InvalidPhone(string value)
        {
            var e = Assert.Throws<IdentifierHashException>(() => GoogleSe.Hash(value, IdentifierKind.Phone));
            Assert.Equal(IdentifierFailure.InvalidPhone, e.Failure);
            Assert.DoesNotContain(value, e.Message);
        }
    }
}
