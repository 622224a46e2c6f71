namespace OfflineData.Core.Delivery
{
    /// <summary>One file of a delivery run as planned before anything is sent: the local file and its remote names.</summary>
    public sealed class DeliveryPlanItem
    {
        internal DeliveryPlanItem(string sourcePath, string remoteName, string? markerName, string? entryName)
        {
            SourcePath = sourcePath;
            RemoteName = remoteName;
            MarkerName = markerName;
            EntryName = entryName;
        }

        /// <summary>The local file's full path.</summary>
        public string SourcePath { get; }

        /// <summary>The final remote name (<c>.zip</c> when compressed; extension lowercase).</summary>
        public string RemoteName { get; }

        /// <summary>The marker's remote name, or null.</summary>
        public string? MarkerName { get; }

        /// <summary>With compression: the name of the file inside the zip; otherwise null.</summary>
        public string? EntryName { get; }

        /// <inheritdoc />
        public override string ToString() => SourcePath + " -> " + RemoteName;
    }
}
