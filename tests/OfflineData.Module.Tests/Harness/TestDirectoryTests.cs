using System.IO;
using System.Text;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Harness
{
    /// <summary>Test files are written as asked and removed afterwards.</summary>
    public sealed class TestDirectoryTests
    {
        [Fact]
        public void Writes_UTF8_without_BOM_by_default_and_makes_sub_folders()
        {
            using var folder = new TestDirectory();

            var path = folder.WriteText(Path.Combine("sub", "a.csv"), "å;1");

            Assert.Equal(folder.Combine(Path.Combine("sub", "a.csv")), path);
            Assert.Equal(new byte[] { 0xC3, 0xA5, (byte)';', (byte)'1' }, File.ReadAllBytes(path));
        }

        [Fact]
        public void Writes_in_the_encoding_asked_for()
        {
            using var folder = new TestDirectory();

            var path = folder.WriteText("u16.csv", "a", Encoding.Unicode);

            Assert.Equal(new byte[] { 0xFF, 0xFE, (byte)'a', 0 }, File.ReadAllBytes(path));
        }

        [Fact]
        public void Dispose_deletes_the_folder_and_its_files()
        {
            var folder = new TestDirectory();
            folder.WriteBytes("x.bin", new byte[] { 1, 2, 3 });
            folder.CreateDirectory("empty");

            folder.Dispose();

            Assert.False(Directory.Exists(folder.FullPath));
        }
    }
}
