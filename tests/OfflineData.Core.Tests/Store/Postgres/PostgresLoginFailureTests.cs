using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store.Postgres
{
    /// <summary>
    /// What an operator is told when the connection fails before the store is open, against a fake server on a loopback
    /// port (no PostgreSQL needed): a server that never answers, and one that refuses TLS when the location asks for it.
    /// </summary>
    public sealed class PostgresLoginFailureTests : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new CancellationTokenSource();

        public PostgresLoginFailureTests() => listener.Start();

        private int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
        }

        // Mono does not end a blocked socket read at Npgsql's timeout (21 s for 2 s here); .NET does. .NET Framework is
        // untested (no machine here has it), so the net472 run skips this rather than measure Mono.
        [NetCoreOnlyFact("Mono's sockets ignore Npgsql's read timeout while the server stays silent, so the wait is Mono's, not the store's")]
        [Trait(NetCoreOnly.Trait, NetCoreOnly.Value)]
        public void A_server_that_never_answers_is_Unavailable_within_the_connect_timeout_saying_how_long_was_waited_and_how_to_change_it()
        {
            // Accepts the connection and then says nothing, as a stuck server or a middlebox that swallows packets.
            _ = Task.Run(async () =>
            {
                var held = new System.Collections.Generic.List<TcpClient>();
                while (!stop.IsCancellationRequested) held.Add(await listener.AcceptTcpClientAsync());
            });
            var watch = Stopwatch.StartNew();

            var e = Assert.Throws<StoreException>(() => StoreFactory.Open($"postgresql://od@127.0.0.1:{Port}/offline?connect_timeout=2", new StoreOpenOptions { Credential = new NetworkCredential("od", "s3cret") }));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
            // Not Busy (ResourceBusy, "another import holds the lock"): nobody holds a lock, the server is not there.
            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
            Assert.Contains($"127.0.0.1:{Port} did not answer within 2 s", e.Message);
            Assert.Contains("connect_timeout=", e.Message);
            Assert.DoesNotContain("s3cret", e.Message);
        }

        [Fact]
        public void A_server_without_TLS_asked_for_TLS_says_so_and_what_to_change()
        {
            // A PostgreSQL server with ssl = off answers the SSLRequest (8 bytes) with 'N'.
            _ = Task.Run(async () =>
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var request = new byte[8];
                for (var read = 0; read < 8;) read += await stream.ReadAsync(request, read, 8 - read);
                await stream.WriteAsync(new[] { (byte)'N' }, 0, 1);
                await Task.Delay(TimeSpan.FromSeconds(5), stop.Token).ContinueWith(_ => { });
            });

            var e = Assert.Throws<StoreException>(() => StoreFactory.Open($"postgresql://od@127.0.0.1:{Port}/offline?sslmode=require&connect_timeout=5", new StoreOpenOptions()));

            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
            Assert.Contains("sslmode=require", e.Message);
            Assert.Contains("does not accept TLS", e.Message);
        }
    }
}
