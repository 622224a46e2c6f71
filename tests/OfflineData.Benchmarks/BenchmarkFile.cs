namespace OfflineData.Benchmarks
{
    /// <summary>A generated input: its kind (plain, zip, gzip), path, size on disk and uncompressed text size.</summary>
    internal sealed class BenchmarkFile
    {
        public BenchmarkFile(string kind, string path, long fileBytes, long textBytes)
        {
            Kind = kind;
            Path = path;
            FileBytes = fileBytes;
            TextBytes = textBytes;
        }

        public string Kind { get; }

        public string Path { get; }

        public long FileBytes { get; }

        public long TextBytes { get; }
    }
}
