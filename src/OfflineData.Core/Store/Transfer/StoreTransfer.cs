using OfflineData.Core.Store.Postgres;
using OfflineData.Core.Store.Sqlite;

namespace OfflineData.Core.Store.Transfer
{
    /// <summary>
    /// The one place that knows which content reader and writer an opened store has, so <see cref="StoreCopier"/> and
    /// the cmdlet hold only <see cref="IOfflineDataStore"/>s. A new store implementation adds its case here.
    /// </summary>
    internal static class StoreTransfer
    {
        /// <summary>The content of <paramref name="store"/>, to read it whole or to copy into it.</summary>
        /// <exception cref="StoreException">The store's kind cannot take part in a copy (kind Unavailable).</exception>
        public static IStoreContentTarget ContentOf(IOfflineDataStore store) => store switch
        {
            SqliteOfflineDataStore sqlite => new SqliteStoreContent(sqlite),
            PostgresOfflineDataStore postgres => new PostgresStoreContent(postgres),
            _ => throw new StoreException($"The store '{store.DisplayName}' cannot be copied from or into: its kind ({store.GetType().Name}) has no content transfer.", StoreFailureKind.Unavailable),
        };
    }
}
