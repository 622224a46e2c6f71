using System;
using System.IO;
using OfflineData.Core.Conversion;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Writing;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    /// <summary>
    /// A run killed while writing (kill -9) leaves its hidden temporary file behind; the next write into the same
    /// folder removes such files once they are old and nobody holds them, and nothing else.
    /// </summary>
    public sealed class StaleTemporaryFileTests
    {
        private const string Source = "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n2024-05-25 12:00:00,C1,7,S,1,1\n";

        [Fact]
        public void The_next_conversion_into_the_folder_removes_an_old_temporary_file_of_a_killed_run()
        {
            using var dir = new TempDirectory();
            var stale = Old(dir.WriteText(".out.csv.0123456789ab.tmp", "half a file"));
            var src = dir.WriteText("src.csv", Source);

            new OfflineDataConverter(new ConversionOptions()).Convert(src, dir.Combine("next.csv"));

            Assert.False(File.Exists(stale));
        }

        [Fact]
        public void Recent_held_and_foreign_files_are_left_alone()
        {
            using var dir = new TempDirectory();
            var recent = dir.WriteText(".a.csv.0123456789ab.tmp", "being written");
            var held = Old(dir.WriteText(".b.csv.abcdef012345.tmp", "a slow pipeline"));
            var notOurs = new[]
            {
                Old(dir.WriteText(".notes.tmp", "x")),
                Old(dir.WriteText("c.csv.0123456789ab.tmp", "x")),
                Old(dir.WriteText(".d.csv.0123456789AB.tmp", "x")),
                Old(dir.WriteText(".e.csv.0123456789a.tmp", "x")),
            };

            int removed;
            using (new FileStream(held, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                removed = AtomicFileWriter.RemoveStaleTemporaryFiles(dir.FullName, DateTime.UtcNow - AtomicFileWriter.StaleTemporaryFileAge);
            }

            Assert.Equal(0, removed);
            Assert.True(File.Exists(recent));
            Assert.True(File.Exists(held));
            Assert.All(notOurs, f => Assert.True(File.Exists(f), f));
        }

        [Fact]
        public void A_missing_folder_is_not_an_error()
        {
            using var dir = new TempDirectory();
            Assert.Equal(0, AtomicFileWriter.RemoveStaleTemporaryFiles(dir.Combine("none"), DateTime.UtcNow));
        }

        private static string Old(string path)
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow - AtomicFileWriter.StaleTemporaryFileAge - TimeSpan.FromMinutes(1));
            return path;
        }
    }
}
