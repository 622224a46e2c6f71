using System;
using System.IO;
using System.Runtime.InteropServices;
using OfflineData.Core.Store;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    public class StoreLocationTests
    {
        [Fact]
        public void AnExplicitPathWinsOverTheEnvironmentVariable()
        {
            var previous = Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable);
            try
            {
                Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, "/tmp/from-env.db");
                Assert.Equal(Path.GetFullPath("/tmp/explicit.db"), StoreLocation.Resolve("/tmp/explicit.db"));
                Assert.Equal(Path.GetFullPath("/tmp/from-env.db"), StoreLocation.Resolve(null));
            }
            finally
            {
                Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, previous);
            }
        }

        [Fact]
        public void TheDefaultIsThePerUserDataFolder()
        {
            var path = StoreLocation.DefaultPath;
            Assert.EndsWith(Path.Combine("OfflineData", "offlinedata.db"), path);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                Assert.StartsWith(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), path);
            }
            else
            {
                var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
                var root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
                Assert.Equal(Path.Combine(root, "OfflineData", "offlinedata.db"), path);
            }
        }
    }
}
