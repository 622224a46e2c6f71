using System.IO;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    /// <summary>
    /// A stream that fails within the 512 bytes the encoding check looks at: the rows before the failure are still
    /// returned, and the failure itself is never lost, also when the reader stops early (UTF-16 text).
    /// </summary>
    public class EarlyFailureTests
    {
        [Fact]
        public void RowsBeforeAFailureInTheFirstBytesAreReadThenTheFailureIsThrown()
        {
            var data = System.Text.Encoding.UTF8.GetBytes(Rows.Lines(Rows.Valid(1), Rows.Valid(2)));
            using var reader = OfflineDataReader.Open(new FailingStream(data), "early.csv");

            Assert.True(reader.Read());
            Assert.True(reader.Read());
            Assert.Equal(2, reader.Line);
            var e = Assert.Throws<IOException>(() => reader.Read());
            Assert.Equal("The device is not ready.", e.Message);
        }

        [Fact]
        public void AFailureBehindTextThatLooksLikeUtf16IsNotHiddenByTheEncodingFinding()
        {
            var data = System.Text.Encoding.Unicode.GetBytes("Time Stamp;Customer ID");
            using var reader = OfflineDataReader.Open(new FailingStream(data), "early.csv");

            Assert.Throws<IOException>(() => reader.Read());
        }

        /// <summary>Holds <c>data</c>, then fails like a disk when asked for more.</summary>
        private sealed class FailingStream : MemoryStream
        {
            public FailingStream(byte[] data)
                : base(data)
            {
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                // The container's format check reads the first 4 bytes and rewinds: let that through.
                if (Position >= Length && Position > 4) throw new IOException("The device is not ready.");
                return base.Read(buffer, offset, count);
            }
        }
    }
}
