using System;
using System.Globalization;
using System.Reflection;
using System.Text;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Resolves the encoding of a source export: a byte order mark wins, then the encoding the user
    /// named, then UTF-8. Legacy single-byte code pages (Windows-1252, ISO-8859-1, ...) need the
    /// code-pages provider on .NET Core; it is registered once, on first use.
    /// </summary>
    public static class SourceEncodings
    {
        private static readonly object RegisterLock = new object();
        private static bool registered;

        /// <summary>Strict UTF-8 without a BOM: what the offline data format is written in.</summary>
        public static Encoding Utf8NoBom { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        /// <summary>Makes code-page encodings (Windows-1252, ISO-8859-1, IBM437, ...) available on .NET Core.</summary>
        public static void EnsureCodePagesRegistered()
        {
            if (registered) return;
            lock (RegisterLock)
            {
                if (registered) return;

                // Found by name, not referenced: on PowerShell 7 the runtime's own copy (whatever its version) binds,
                // so a module built against 10.0 still loads on .NET 8; on Windows PowerShell 5.1 the copy shipped
                // in the module folder is loaded by the module's assembly resolver.
                var type = Type.GetType("System.Text.CodePagesEncodingProvider, System.Text.Encoding.CodePages", throwOnError: false);
                if (type?.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is EncodingProvider provider)
                {
                    Encoding.RegisterProvider(provider);
                }

                registered = true;
            }
        }

        /// <summary>
        /// The encoding named by <paramref name="name"/>: a web name (<c>windows-1252</c>, <c>iso-8859-1</c>,
        /// <c>utf-8</c>, <c>utf-16</c>, <c>utf-16BE</c>), a code page number (<c>1252</c>), or one of the
        /// PowerShell-style names <c>UTF8</c>, <c>UTF8BOM</c>, <c>UTF8NoBOM</c>, <c>Unicode</c>, <c>BigEndianUnicode</c>,
        /// <c>Latin1</c>, <c>Default</c> (Windows-1252), <c>Ansi</c> (Windows-1252).
        /// Decoding never throws: an undecodable byte becomes U+FFFD, which the converter rejects with its line.
        /// </summary>
        /// <exception cref="ArgumentException">The name is not an encoding this machine knows.</exception>
        public static Encoding Resolve(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An encoding name is required.", nameof(name));
            EnsureCodePagesRegistered();
            var key = name.Trim();
            switch (key.ToUpperInvariant().Replace("-", string.Empty).Replace("_", string.Empty))
            {
                case "UTF8":
                case "UTF8NOBOM":
                case "UTF8BOM":
                    return new UTF8Encoding(false);
                case "UNICODE":
                case "UTF16":
                case "UTF16LE":
                    return new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
                case "BIGENDIANUNICODE":
                case "UTF16BE":
                    return new UnicodeEncoding(bigEndian: true, byteOrderMark: true);
                case "LATIN1":
                case "ISO88591":
                    return Encoding.GetEncoding(28591);
                case "DEFAULT":
                case "ANSI":
                case "WINDOWS1252":
                case "CP1252":
                    return Encoding.GetEncoding(1252);
            }

            try
            {
                if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage))
                {
                    return Encoding.GetEncoding(codePage);
                }

                return Encoding.GetEncoding(key);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException)
            {
                throw new ArgumentException(
                    $"'{DisplayText.Escape(name)}' is not an encoding this machine knows. Use e.g. utf-8, windows-1252, iso-8859-1, utf-16 or a code page number such as 1252.",
                    nameof(name),
                    e);
            }
        }

        /// <summary>
        /// The encoding a byte order mark at the start of <paramref name="prefix"/> announces, and the BOM's length;
        /// null when there is none. UTF-32 is recognised so it is not mistaken for UTF-16.
        /// </summary>
        public static Encoding? DetectByteOrderMark(ReadOnlySpan<byte> prefix, out int bomLength)
        {
            bomLength = 0;
            if (prefix.Length >= 4 && prefix[0] == 0xFF && prefix[1] == 0xFE && prefix[2] == 0 && prefix[3] == 0)
            {
                bomLength = 4;
                return new UTF32Encoding(bigEndian: false, byteOrderMark: true);
            }

            if (prefix.Length >= 4 && prefix[0] == 0 && prefix[1] == 0 && prefix[2] == 0xFE && prefix[3] == 0xFF)
            {
                bomLength = 4;
                return new UTF32Encoding(bigEndian: true, byteOrderMark: true);
            }

            if (prefix.Length >= 3 && prefix[0] == 0xEF && prefix[1] == 0xBB && prefix[2] == 0xBF)
            {
                bomLength = 3;
                return new UTF8Encoding(true);
            }

            if (prefix.Length >= 2 && prefix[0] == 0xFF && prefix[1] == 0xFE)
            {
                bomLength = 2;
                return new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
            }

            if (prefix.Length >= 2 && prefix[0] == 0xFE && prefix[1] == 0xFF)
            {
                bomLength = 2;
                return new UnicodeEncoding(bigEndian: true, byteOrderMark: true);
            }

            return null;
        }

        /// <summary>
        /// The byte offset of the first invalid UTF-8 sequence in <paramref name="bytes"/>, or -1 when all of it is
        /// valid. A sequence cut off at the end of the buffer counts as valid (the rest is in the next block).
        /// </summary>
        public static int FindInvalidUtf8(ReadOnlySpan<byte> bytes)
        {
            int i = 0;
            while (i < bytes.Length)
            {
                byte b = bytes[i];
                if (b < 0x80) { i++; continue; }
                int need;
                int min;
                if ((b & 0xE0) == 0xC0) { need = 1; min = 0x80; }
                else if ((b & 0xF0) == 0xE0) { need = 2; min = 0x800; }
                else if ((b & 0xF8) == 0xF0 && b <= 0xF4) { need = 3; min = 0x10000; }
                else return i;

                int cp = b & (0x3F >> need);
                for (int k = 1; k <= need; k++)
                {
                    if (i + k >= bytes.Length) return -1; // cut off at the end of the sample: judged with the next block
                    byte c = bytes[i + k];
                    if ((c & 0xC0) != 0x80) return i;
                    cp = (cp << 6) | (c & 0x3F);
                }

                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
                i += need + 1;
            }

            return -1;
        }

        /// <summary>A short, stable name for an encoding, for messages and results (e.g. <c>windows-1252</c>, <c>utf-8 (BOM)</c>).</summary>
        public static string Describe(Encoding encoding, bool hadBom)
        {
            var name = encoding.WebName;
            return hadBom ? name + " (BOM)" : name;
        }
    }
}
