using System;
using System.IO;
using ICSharpCode.SharpZipLib.Checksum;
using ICSharpCode.SharpZipLib.Zip.Compression;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Containers
{
    /// <summary>
    /// Decompresses a gzip file (RFC 1952) member after member, as <c>gzip -d</c> does: concatenated members
    /// (<c>cat a.gz b.gz</c>) are one stream, each member's CRC-32 and length are checked, and bytes after the
    /// last member that do not start another member are an error (<see cref="FindingCode.TrailingData"/>), never
    /// dropped in silence. SharpZipLib's GZipInputStream ends quietly at such bytes, so rows appended to a
    /// compressed file vanished. Its inflater is still the one used here: only it says where a member's deflate
    /// data ends (System.IO.Compression reads past that point and keeps the rest).
    /// </summary>
    internal sealed class GzipReadStream : ForwardReadStream
    {
        private const int InputSize = 64 * 1024;
        private const int FlagHeaderCrc = 0x02;
        private const int FlagExtra = 0x04;
        private const int FlagName = 0x08;
        private const int FlagComment = 0x10;
        private const int FlagsReserved = 0xE0;

        private readonly Stream source;
        private readonly byte[] input = new byte[InputSize];
        private readonly Inflater inflater = new Inflater(noHeader: true);
        private readonly Crc32 crc = new Crc32();
        private int position;
        private int end;
        private long bufferStart; // file offset of input[0]
        private long memberSize;
        private int members;
        private State state = State.Header;

        public GzipReadStream(Stream source)
        {
            this.source = source;
        }

        private enum State
        {
            Header,
            Body,
            Footer,
            Ended,
        }

        /// <summary>The file offset of the next byte not yet used.</summary>
        private long Offset => bufferStart + position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (count == 0) return 0;
            while (true)
            {
                switch (state)
                {
                    case State.Ended:
                        return 0;
                    case State.Header:
                        state = StartMember() ? State.Body : State.Ended;
                        break;
                    case State.Body:
                        int n = Inflate(buffer, offset, count);
                        // The trailer is checked on the next call, so the bytes of this one reach the caller first.
                        if (inflater.IsFinished) state = State.Footer;
                        if (n > 0) return n;
                        break;
                    case State.Footer:
                        CheckFooter();
                        state = State.Header;
                        break;
                }
            }
        }

        private int Inflate(byte[] buffer, int offset, int count)
        {
            while (true)
            {
                if (inflater.IsNeedingInput)
                {
                    if (position == end && !Fill())
                    {
                        throw Corrupt($"The gzip data is cut short: the file ends inside member {members} (at byte {Offset}).");
                    }

                    inflater.SetInput(input, position, end - position);
                    position = end;
                }

                int n = inflater.Inflate(buffer, offset, count);
                if (inflater.IsFinished)
                {
                    // What the inflater was given beyond its end belongs to the trailer and whatever follows.
                    position = end - inflater.RemainingInput;
                }

                if (n > 0)
                {
                    crc.Update(new ArraySegment<byte>(buffer, offset, n));
                    memberSize += n;
                    return n;
                }

                if (inflater.IsFinished) return 0;
                if (inflater.IsNeedingDictionary) throw Corrupt($"Member {members} of the gzip data asks for a preset dictionary, which gzip does not have.");
                if (!inflater.IsNeedingInput) throw Corrupt($"Member {members} of the gzip data does not inflate (near byte {Offset}).");
            }
        }

        /// <summary>Reads the header of the next member; false at the end of the file after a complete member.</summary>
        private bool StartMember()
        {
            long at = Offset;
            int id1 = NextByte();
            if (id1 < 0 && members > 0) return false;
            int id2 = id1 < 0 ? -1 : NextByte();
            if (id1 != 0x1F || id2 != 0x8B)
            {
                if (members == 0) throw Corrupt("The file does not start with a gzip header.");
                throw Trailing(at);
            }

            members++;
            var headerCrc = new Crc32();
            headerCrc.Update(id1);
            headerCrc.Update(id2);
            int method = Header(headerCrc);
            if (method != 8) throw Corrupt($"Member {members} of the gzip data (at byte {at}) uses compression method {method}; gzip knows only deflate (8).");
            int flags = Header(headerCrc);
            if ((flags & FlagsReserved) != 0) throw Corrupt($"Member {members} of the gzip data (at byte {at}) has reserved header flags set (0x{flags:X2}).");
            for (int i = 0; i < 6; i++) Header(headerCrc); // modification time, extra flags, operating system
            if ((flags & FlagExtra) != 0)
            {
                int length = Header(headerCrc) | (Header(headerCrc) << 8);
                for (int i = 0; i < length; i++) Header(headerCrc);
            }

            if ((flags & FlagName) != 0) while (Header(headerCrc) != 0) { }
            if ((flags & FlagComment) != 0) while (Header(headerCrc) != 0) { }
            if ((flags & FlagHeaderCrc) != 0)
            {
                int expected = Header(null) | (Header(null) << 8);
                if (expected != (int)(headerCrc.Value & 0xFFFF)) throw Corrupt($"The header of member {members} of the gzip data (at byte {at}) fails its CRC check.");
            }

            inflater.Reset();
            crc.Reset();
            memberSize = 0;
            return true;
        }

        private void CheckFooter()
        {
            uint storedCrc = 0;
            uint storedSize = 0;
            for (int i = 0; i < 4; i++) storedCrc |= (uint)Footer() << (8 * i);
            for (int i = 0; i < 4; i++) storedSize |= (uint)Footer() << (8 * i);
            uint actualCrc = (uint)crc.Value;
            if (storedCrc != actualCrc)
            {
                throw Corrupt($"Member {members} of the gzip data fails its CRC check (stored {storedCrc:X8}, computed {actualCrc:X8}).");
            }

            if (storedSize != (uint)memberSize)
            {
                throw Corrupt($"Member {members} of the gzip data inflates to {memberSize} bytes; its trailer says {storedSize} (modulo 4 GiB).");
            }
        }

        private int Header(Crc32? headerCrc)
        {
            int b = NextByte();
            if (b < 0) throw Corrupt($"The header of member {members} of the gzip data is cut short: the file ends at byte {Offset}.");
            headerCrc?.Update(b);
            return b;
        }

        private int Footer()
        {
            int b = NextByte();
            if (b < 0) throw Corrupt($"The trailer (CRC-32 and length) of member {members} of the gzip data is cut short: the file ends at byte {Offset}.");
            return b;
        }

        private int NextByte()
        {
            if (position == end && !Fill()) return -1;
            return input[position++];
        }

        /// <summary>Reads the next block of the file into the empty input buffer; false at its end.</summary>
        private bool Fill()
        {
            int n = source.Read(input, 0, input.Length);
            if (n <= 0) return false;
            bufferStart += end;
            position = 0;
            end = n;
            return true;
        }

        private static CorruptInputException Corrupt(string message) => new CorruptInputException(FindingCode.CorruptCompressedStream, message);

        private CorruptInputException Trailing(long at)
        {
            long length = -1;
            try
            {
                length = source.Length;
            }
            catch (NotSupportedException)
            {
                // A stream that cannot tell its length: the message names only where the extra bytes start.
            }

            string how = length > at ? $"{length - at} byte(s) follow" : "more bytes follow";
            string member = members == 1 ? "The gzip data" : $"The last of the {members} gzip members";
            return new CorruptInputException(
                FindingCode.TrailingData,
                $"{member} ends at byte {at} of the file, and {how} that do not start another gzip member ('trailing garbage' to gzip -t). Every gzip reader drops them: rows appended to a compressed file (e.g. with >>) are not part of it. Decompress, append and compress again.");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) source.Dispose();
            base.Dispose(disposing);
        }
    }
}
