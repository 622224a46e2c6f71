using System;
using System.IO;
using ICSharpCode.SharpZipLib;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Containers
{
    /// <summary>
    /// Stands between a decompressor and its reader: any exception the decompressor throws (SharpZipLib's Huffman
    /// tree throws IndexOutOfRangeException on some damaged streams, zlib InvalidDataException, the CRC check
    /// ZipException) becomes a <see cref="CorruptInputException"/>, so one damaged file is a finding and never
    /// ends the run. A failure of the file itself (a disk or network error) passes unchanged: it is not damage.
    /// </summary>
    internal sealed class DecompressionGuardStream : ForwardReadStream
    {
        private readonly Stream inner;
        private readonly FindingCode code;
        private readonly CountingStream file;

        public DecompressionGuardStream(Stream inner, FindingCode code, CountingStream file)
        {
            this.inner = inner;
            this.code = code;
            this.file = file;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return inner.Read(buffer, offset, count);
            }
            catch (Exception e) when (IsDamage(e, file))
            {
                throw Wrap(e, code);
            }
        }

        /// <summary>Whether <paramref name="e"/> says the compressed data is damaged rather than that reading the file failed or was stopped.</summary>
        public static bool IsDamage(Exception e, CountingStream file) =>
            !(e is CorruptInputException) && !(e is OperationCanceledException) && !file.IsReadFailure(e);

        /// <summary>The finding-ready form of a decompressor's exception.</summary>
        public static CorruptInputException Wrap(Exception e, FindingCode code)
        {
            // The decompressors' own exceptions say what is wrong; anything else (IndexOutOfRangeException ...) only that it failed.
            string why = e is SharpZipBaseException || e is InvalidDataException || e is EndOfStreamException
                ? e.Message
                : $"the decompressor failed on it ({e.GetType().Name}: {e.Message})";
            return new CorruptInputException(code, why, e);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
