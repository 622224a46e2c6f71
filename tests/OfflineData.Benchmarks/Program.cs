namespace OfflineData.Benchmarks
{
    internal static class Program
    {
        private static int Main(string[] args) => args.Length > 0 && args[0] == "import" ? ImportBenchmark.Run(args) : 0;
    }
}
