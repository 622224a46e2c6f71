namespace OfflineData.Core.Store.Transfer
{
    /// <summary>How a copy treats its destination, decided by <see cref="StoreCopier.Plan"/>.</summary>
    internal enum StoreCopyMode
    {
        /// <summary>The destination holds no content: everything is copied.</summary>
        New,

        /// <summary>The destination holds a partial copy of the same source: each table goes on after the last key its marker names.</summary>
        Resumed,

        /// <summary>-Force: the destination holds content (its own, a completed or a partial copy); everything is offered again from the start and what it already has is kept.</summary>
        Merged,
    }
}
