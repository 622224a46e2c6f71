using System;
using System.Collections.Generic;
using OfflineData.Core.Store;

namespace OfflineData.Commands.Store
{
    /// <summary>
    /// A store a cmdlet works on, told from -Store or OFFLINEDATA_STORE without opening it: the location handed to
    /// <see cref="StoreFactory"/> (the full path of an SQLite file, or a server's URI or connection string as given),
    /// and the display name every message, verbose line, error target and ShouldProcess text uses instead. A server
    /// location is kept only to open the store: it may hold more than its display name, so it is never written out.
    /// </summary>
    internal sealed class StoreTarget
    {
        private StoreTarget(string location, string displayName, bool isServer)
        {
            Location = location;
            DisplayName = displayName;
            IsServer = isServer;
        }

        /// <summary>How two targets are compared: the same store whether named by a URI or a connection string.</summary>
        public static IEqualityComparer<StoreTarget> Comparer { get; } = new SameStoreComparer();

        /// <summary>What <see cref="StoreFactory.Open"/> is given. Never written to output, messages or errors.</summary>
        public string Location { get; }

        /// <summary>The store's name for messages (<see cref="StoreFactory.GetDisplayName"/>): never holds a secret.</summary>
        public string DisplayName { get; }

        /// <summary>True for a database server's URI or connection string; false for an SQLite file.</summary>
        public bool IsServer { get; }

        /// <summary>An SQLite store file at <paramref name="fullPath"/>.</summary>
        public static StoreTarget File(string fullPath) => new StoreTarget(fullPath, StoreFactory.GetDisplayName(fullPath), false);

        /// <summary>A server store; <paramref name="displayName"/> from <see cref="StoreFactory.GetDisplayName"/>.</summary>
        public static StoreTarget Server(string location, string displayName) => new StoreTarget(location, displayName, true);

        /// <inheritdoc />
        public override string ToString() => DisplayName;

        /// <summary>
        /// Files by their full path (ignoring case where file systems do); servers by their display name (host, port,
        /// database and user), which is the same for a URI and a connection string naming the same database.
        /// </summary>
        private sealed class SameStoreComparer : IEqualityComparer<StoreTarget>
        {
            public bool Equals(StoreTarget? x, StoreTarget? y)
            {
                if (ReferenceEquals(x, y)) return true;
                if (x == null || y == null || x.IsServer != y.IsServer) return false;
                return x.IsServer ? string.Equals(x.DisplayName, y.DisplayName, StringComparison.Ordinal) : StoreLocation.PathComparer.Equals(x.Location, y.Location);
            }

            public int GetHashCode(StoreTarget obj) =>
                obj.IsServer ? StringComparer.Ordinal.GetHashCode(obj.DisplayName) : StoreLocation.PathComparer.GetHashCode(obj.Location);
        }
    }
}
