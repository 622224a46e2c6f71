using System.Management.Automation;
using OfflineData.Commands.Store;

namespace OfflineData.Commands.Base
{
    /// <summary>
    /// A cmdlet that works on the store: <c>-Store</c>, which also binds from the Store property of piped objects
    /// (every object read from a store carries it), and the <see cref="PipelineStores"/> that opens each store named
    /// once per call and closes them at its end. Null or empty (as a piped object may carry) means the default store.
    /// </summary>
    public abstract class StoreCmdlet : OfflineDataCmdlet
    {
        private PipelineStores? stores;

        /// <summary>
        /// The store: an SQLite file's path, or a PostgreSQL URI or keyword connection string; default (also when
        /// empty): OFFLINEDATA_STORE, else the per-user default. Binds from the Store property of piped store objects.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public string? Store { get; set; }

        /// <summary>
        /// The user name and password for a PostgreSQL store (a user name alone prompts for the password); they take
        /// precedence over a user in -Store. Never echoed: not in messages, -WhatIf, verbose output or the ledger.
        /// Without it the password comes from PGPASSWORD or the pgpass file. An SQLite store does not use it.
        /// </summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>The stores of this call; see <see cref="PipelineStores"/>.</summary>
        internal PipelineStores Stores => stores!;

        /// <inheritdoc />
        protected sealed override void BeginProcessing()
        {
            // Before any pipeline object is bound: -Store holds only what the command line gave.
            BeginCommand();
            stores = new PipelineStores(this, Store, Credential);
        }

        /// <summary>What the cmdlet checks before the first pipeline object (BeginProcessing).</summary>
        protected virtual void BeginCommand()
        {
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing) stores?.Dispose();
            base.Dispose(disposing);
        }
    }
}
