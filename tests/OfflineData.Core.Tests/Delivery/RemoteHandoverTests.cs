using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OfflineData.Core.Delivery;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>The handover's order of steps and its size check, with an in-memory folder (what a real server cannot be made to do on demand).</summary>
    public sealed class RemoteHandoverTests
    {
        [Fact]
        public void A_size_mismatch_after_the_upload_stops_before_the_rename()
        {
            var folder = new MemoryRemoteFolder { Truncate = 2 };

            var error = Assert.Throws<DeliveryException>(() => RemoteHandover.Send(folder, new MemoryStream(new byte[10]), "a.txt", false));

            Assert.Equal(DeliveryFailureKind.IO, error.Kind);
            Assert.Contains("8 bytes, expected 10", error.Message);
            Assert.False(folder.Files.ContainsKey("a.txt"));
            Assert.Equal(new[] { "exists a.txt", "upload a.txt.part", "size a.txt.part" }, folder.Log);
        }

        [Fact]
        public void The_temporary_suffix_is_configurable_and_must_not_be_empty()
        {
            var folder = new MemoryRemoteFolder();

            RemoteHandover.Send(folder, new MemoryStream(new byte[3]), "a.txt", false, ".uploading");

            Assert.Equal(new[] { "exists a.txt", "upload a.txt.uploading", "size a.txt.uploading", "rename a.txt.uploading a.txt" }, folder.Log);
            Assert.Throws<ArgumentException>(() => RemoteHandover.Send(folder, new MemoryStream(new byte[3]), "b.txt", false, string.Empty));
            Assert.Throws<ArgumentException>(() => RemoteHandover.Send(folder, new MemoryStream(new byte[3]), "sub/b.txt", false));
        }

        [Fact]
        public void Overwrite_skips_the_existence_check_and_renames_over_the_target()
        {
            var folder = new MemoryRemoteFolder();
            folder.Files["a.txt"] = new byte[1];

            var sent = RemoteHandover.Send(folder, new MemoryStream(new byte[4]), "a.txt", true);

            Assert.Equal(4, sent);
            Assert.Equal(4, folder.Files["a.txt"].Length);
            Assert.Equal(new[] { "upload a.txt.part", "size a.txt.part", "rename! a.txt.part a.txt" }, folder.Log);
        }
    }
}
