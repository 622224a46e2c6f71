using System;
using System.IO;
using System.Linq;
using OfflineData.Core.Delivery;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>
    /// A destination whose disk fills up during the upload: the 2 MB file system of .ci/ftp.sh (a tmpfs, or a loop-mounted
    /// image), reached by FTP, FTPS and as a local folder. One class, so these tests never share the small disk at once.
    /// </summary>
    public sealed class DiskFullTests
    {
        [FtpTheory]
        [InlineData("ftp")]
        [InlineData("file")]
        public void A_full_disk_is_an_IO_error_with_the_reason_and_leaves_neither_final_nor_partial_file(string scheme) => FillTheDisk(scheme);

        [FtpsTransferFact]
        [Trait(NetCoreOnly.Trait, NetCoreOnly.Value)]
        public void A_full_disk_over_FTPS_is_an_IO_error_with_the_reason_and_leaves_neither_final_nor_partial_file() => FillTheDisk("ftps");

        private static void FillTheDisk(string scheme)
        {
            var name = "t" + Guid.NewGuid().ToString("N");
            var local = Path.Combine(FtpTestServer.LocalSmallDirectory, name);
            Directory.CreateDirectory(local);
            FtpTestServer.OpenUp(local);
            try
            {
                var destination = scheme == "file"
                    ? DeliveryDestination.Parse(local)
                    : DeliveryDestination.Parse($"{scheme}://{FtpTestServer.Host}:{(scheme == "ftps" ? FtpTestServer.TlsPort : FtpTestServer.Port)}{FtpTestServer.SmallDirectory}/{name}");
                var data = new byte[3 * 1024 * 1024];
                new Random(12).NextBytes(data);

                DeliveryException error;
                using (var folder = RemoteFolders.Connect(destination, FtpTestServer.Login(scheme)))
                {
                    error = Assert.Throws<DeliveryException>(() => RemoteHandover.Send(folder, new MemoryStream(data), "big.txt", false));

                    // The folder is still usable after the failure: what is there is listed, and nothing is.
                    Assert.Empty(folder.List());
                }

                Assert.Equal(DeliveryFailureKind.IO, error.Kind);
                Assert.Contains("big.txt.part", error.Message);
                // vsftpd's "451 Failure writing to local file."; ENOSPC's text from the runtime ("No space left on device", Mono: "Disk full")
                if (scheme == "file") Assert.Matches("space|[Dd]isk full", error.Message);
                else Assert.Contains("451", error.Message);
                Assert.Contains("partial", error.Message);
                Assert.Empty(Directory.GetFiles(local).Select(Path.GetFileName));
            }
            finally
            {
                Directory.Delete(local, true);
            }
        }
    }
}
