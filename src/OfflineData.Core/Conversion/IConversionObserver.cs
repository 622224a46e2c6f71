namespace OfflineData.Core.Conversion
{
    /// <summary>Receives progress and rejects while a conversion runs (the cmdlet turns them into progress and verbose records).</summary>
    public interface IConversionObserver
    {
        /// <summary>Called now and then with the bytes of the source consumed so far.</summary>
        void OnProgress(string source, long bytesRead, long totalBytes, long rowsRead);

        /// <summary>Called for every rejected row.</summary>
        void OnRejected(RejectedRow row);
    }
}
