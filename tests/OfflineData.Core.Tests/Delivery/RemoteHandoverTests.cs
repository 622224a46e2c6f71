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
            var folder = new MemoryFolder { Truncate = 2 };

            var error = Assert.Throws<DeliveryException>(() => RemoteHandover.Send(folder, new MemoryStream(new byte[10]), "a.txt", false));

            Assert.Equal(DeliveryFailureKind.IO, error.Kind);
            Assert.Contains("8 bytes, expected 10", error.Message);
            Assert.False(folder.Files.ContainsKey("a.txt"));
            Assert.Equal(new[] { "exists a.txt", "upload a.txt.part", "size a.txt.part" }, folder.Log);
        }

        [Fact]
        public void The_temporary_suffix_is_configurable_and_must_not_be_empty()
        {
            var folder = new MemoryFolder();

            RemoteHandover.Send(folder, new MemoryStream(new byte[3]), "a.txt", false, ".uploading");

            Assert.Equal(new[] { "exists a.txt", "upload a.txt.uploading", "size a.txt.uploading", "rename a.txt.uploading a.txt" }, folder.Log);
            Assert.Throws<ArgumentException>(() => RemoteHandover.Send(folder, new MemoryStream(new byte[3]), "b.txt", false, string.Empty));
            Assert.Throws<ArgumentException>(() => RemoteHandover.Send(folder, new MemoryStream(new byte[3]), "sub/b.txt", false));
        }

        [Fact]
        public void Overwrite_skips_the_existence_check_and_renames_over_the_target()
        {
            var folder = new MemoryFolder();
            folder.Files["a.txt"] = new byte[1];

            var sent = RemoteHandover.Send(folder, new MemoryStream(new byte[4]), "a.txt", true);

            Assert.Equal(4, sent);
            Assert.Equal(4, folder.Files["a.txt"].Length);
            Assert.Equal(new[] { "upload a.txt.part", "size a.txt.part", "rename! a.txt.part a.txt" }, folder.Log);
        }

        private sealed class MemoryFolder : IRemoteFolder
        {
            public Dictionary<string, byte[]> Files { get; } = new Dictionary<string, byte[]>();

            public List<string> Log { get; } = new List<string>();

            public int Truncate { get; set; }

            public DeliveryDestination Destination { get; } = DeliveryDestination.Parse("sftp://memory/in");

            public bool Exists(string name)
            {
                Log.Add("exists " + name);
                return Files.ContainsKey(name);
            }

            public long? Size(string name)
            {
                Log.Add("size " + name);
                return Files.TryGetValue(name, out var bytes) ? bytes.Length : (long?)null;
            }

            public void Upload(Stream content, string name, Action<long>? progress)
            {
                Log.Add("upload " + name);
                var copy = new MemoryStream();
                content.CopyTo(copy);
                Files[name] = copy.ToArray().Take((int)copy.Length - Truncate).ToArray();
            }

            public void Rename(string from, string to, bool overwrite)
            {
                Log.Add((overwrite ? "rename! " : "rename ") + from + " " + to);
                Files[to] = Files[from];
                Files.Remove(from);
            }

            public void Delete(string name) => Files.Remove(name);

            public void Dispose()
            {
            }
        }
    }
}
