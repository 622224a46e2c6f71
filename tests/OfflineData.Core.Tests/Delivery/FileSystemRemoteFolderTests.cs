using System;
using System.IO;
using System.Linq;
using OfflineData.Core.Delivery;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>A local folder as the destination, on the real file system.</summary>
    public sealed class FileSystemRemoteFolderTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "od-drop-" + Guid.NewGuid().ToString("N"));

        public FileSystemRemoteFolderTests()
        {
            Directory.CreateDirectory(_folder);
        }

        public void Dispose() => Directory.Delete(_folder, true);

        private IRemoteFolder Open() => RemoteFolders.Connect(DeliveryDestination.Parse(_folder), new DeliveryConnectOptions());

        [Fact]
        public void Upload_shows_only_the_temporary_name_until_the_rename_then_only_the_final_name_with_the_full_size()
        {
            var data = new byte[5 * 1024 * 1024 + 3];
            new Random(11).NextBytes(data);
            var finalSeen = false;
            var partSeen = false;
            long lastProgress = 0;

            using (var folder = Open())
            {
                Assert.IsType<FileSystemRemoteFolder>(folder);
                var sent = RemoteHandover.Send(folder, new MemoryStream(data), "offline.txt", false, progress: bytes =>
                {
                    lastProgress = bytes;
                    finalSeen |= File.Exists(Path.Combine(_folder, "offline.txt"));
                    partSeen |= File.Exists(Path.Combine(_folder, "offline.txt.part"));
                });
                Assert.Equal(data.Length, sent);
            }

            Assert.True(partSeen);
            Assert.False(finalSeen);
            Assert.Equal(data.Length, lastProgress);
            Assert.Equal(data, File.ReadAllBytes(Path.Combine(_folder, "offline.txt")));
            Assert.Equal(new[] { "offline.txt" }, Directory.GetFiles(_folder).Select(Path.GetFileName).ToArray());
        }

        [Fact]
        public void An_existing_file_is_not_overwritten_unless_asked_and_a_stale_temporary_file_is_replaced()
        {
            File.WriteAllText(Path.Combine(_folder, "day.txt"), "already delivered");
            File.WriteAllText(Path.Combine(_folder, "next.txt.part"), "left by a killed run, longer than the new content");
            using var folder = Open();

            var error = Assert.Throws<DeliveryException>(() => RemoteHandover.Send(folder, new MemoryStream(System.Text.Encoding.UTF8.GetBytes("new")), "day.txt", false));
            Assert.Equal(DeliveryFailureKind.RemoteExists, error.Kind);
            Assert.Contains(_folder, error.Message);
            Assert.Contains("day.txt", error.Message);
            Assert.Equal("already delivered", File.ReadAllText(Path.Combine(_folder, "day.txt")));

            RemoteHandover.Send(folder, new MemoryStream(System.Text.Encoding.UTF8.GetBytes("new")), "day.txt", true);
            Assert.Equal("new", File.ReadAllText(Path.Combine(_folder, "day.txt")));
            Assert.False(File.Exists(Path.Combine(_folder, "day.txt.part")));

            RemoteHandover.Send(folder, new MemoryStream(System.Text.Encoding.UTF8.GetBytes("next")), "next.txt", false);
            Assert.Equal("next", File.ReadAllText(Path.Combine(_folder, "next.txt")));
            Assert.False(File.Exists(Path.Combine(_folder, "next.txt.part")));
        }

        [Fact]
        public void The_rename_refuses_a_final_name_that_appeared_during_the_upload()
        {
            using var folder = Open();
            folder.Upload(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("mine")), "race.txt.part", null);
            File.WriteAllText(Path.Combine(_folder, "race.txt"), "someone else's");

            var error = Assert.Throws<DeliveryException>(() => folder.Rename("race.txt.part", "race.txt", false));

            Assert.Equal(DeliveryFailureKind.RemoteExists, error.Kind);
            Assert.Equal("someone else's", File.ReadAllText(Path.Combine(_folder, "race.txt")));
            Assert.Equal("mine", File.ReadAllText(Path.Combine(_folder, "race.txt.part")));
        }

        [Fact]
        public void List_gives_the_files_only_by_name_with_sizes_and_Size_Exists_and_Delete_agree()
        {
            File.WriteAllText(Path.Combine(_folder, "b.txt"), "bb");
            File.WriteAllText(Path.Combine(_folder, "a b.txt"), "a with a space");
            File.WriteAllText(Path.Combine(_folder, "C.fin"), string.Empty);
            Directory.CreateDirectory(Path.Combine(_folder, "files_with_errors"));
            using var folder = Open();

            var files = folder.List();

            Assert.Equal(new[] { "C.fin", "a b.txt", "b.txt" }, files.Select(f => f.Name).ToArray());
            Assert.Equal(new long[] { 0, 14, 2 }, files.Select(f => f.Size).ToArray());
            Assert.All(files, f => Assert.True(f.LastWriteTime > DateTimeOffset.UtcNow.AddMinutes(-5)));
            Assert.Equal(2, folder.Size("b.txt"));
            Assert.Null(folder.Size("missing.txt"));
            Assert.Null(folder.Size("files_with_errors"));
            Assert.False(folder.Exists("files_with_errors"));
            folder.Delete("b.txt");
            folder.Delete("missing.txt");
            Assert.Equal(new[] { "C.fin", "a b.txt" }, folder.List().Select(f => f.Name).ToArray());
        }

        [Fact]
        public void A_missing_folder_is_FolderNotFound_naming_it_and_is_not_created()
        {
            var missing = Path.Combine(_folder, "no-such-folder");

            var error = Assert.Throws<DeliveryException>(() => RemoteFolders.Connect(DeliveryDestination.Parse(missing), new DeliveryConnectOptions()).Dispose());

            Assert.Equal(DeliveryFailureKind.FolderNotFound, error.Kind);
            Assert.False(FileSender.IsTransient(error.Kind));
            Assert.Contains(missing, error.Message);
            Assert.Contains("does not exist", error.Message);
            Assert.False(Directory.Exists(missing));
        }

        [Fact]
        public void A_name_with_a_folder_in_it_is_refused()
        {
            using var folder = Open();

            var error = Assert.Throws<DeliveryException>(() => folder.Upload(new MemoryStream(new byte[1]), "../escape.txt", null));

            Assert.Equal(DeliveryFailureKind.IO, error.Kind);
            Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_folder)!, "escape.txt")));
        }

        [Fact]
        public void A_file_URI_reaches_the_same_folder()
        {
            using var folder = RemoteFolders.Connect(DeliveryDestination.Parse(new Uri(_folder).AbsoluteUri), new DeliveryConnectOptions());
            folder.Upload(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("via uri")), "u.txt", null);

            Assert.Equal("via uri", File.ReadAllText(Path.Combine(_folder, "u.txt")));
        }
    }
}
