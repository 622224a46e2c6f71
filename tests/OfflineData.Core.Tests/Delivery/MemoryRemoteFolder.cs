using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OfflineData.Core.Delivery;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>An in-memory remote folder that logs every call: for the order of steps and for failures a real server cannot be made to show on demand.</summary>
    internal sealed class MemoryRemoteFolder : IRemoteFolder
    {
        public Dictionary<string, byte[]> Files { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        public List<string> Log { get; } = new List<string>();

        /// <summary>Bytes dropped from the end of every upload (a server that lost the tail).</summary>
        public int Truncate { get; set; }

        public DeliveryDestination Destination { get; set; } = DeliveryDestination.Parse("sftp://memory/in");

        /// <summary>Asked with each call's log line before it runs; a returned exception is thrown instead (a failure on demand).</summary>
        public Func<string, DeliveryException?>? Fail { get; set; }

        /// <summary>Reports upload progress in this many steps, <see cref="StepDelay"/> apart (a slow transfer); 0: once at the end.</summary>
        public int ProgressSteps { get; set; }

        public TimeSpan StepDelay { get; set; }

        /// <summary>Runs at each listing, before it is taken (a receiver that processes files meanwhile).</summary>
        public Action? OnList { get; set; }

        private void Add(string line)
        {
            Log.Add(line);
            if (Fail?.Invoke(line) is DeliveryException e) throw e;
        }

        public bool Exists(string name)
        {
            Add("exists " + name);
            return Files.ContainsKey(name);
        }

        public long? Size(string name)
        {
            Add("size " + name);
            return Files.TryGetValue(name, out var bytes) ? bytes.Length : (long?)null;
        }

        public IReadOnlyList<RemoteFile> List()
        {
            Add("list");
            OnList?.Invoke();
            return Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new RemoteFile(f.Key, f.Value.Length, null)).ToList();
        }

        public void Upload(Stream content, string name, Action<long>? progress)
        {
            Add("upload " + name);
            var copy = new MemoryStream();
            content.CopyTo(copy);
            for (var step = 1; step < ProgressSteps; step++)
            {
                System.Threading.Thread.Sleep(StepDelay);
                progress?.Invoke(copy.Length * step / ProgressSteps);
            }

            Files[name] = copy.ToArray().Take((int)copy.Length - Truncate).ToArray();
            progress?.Invoke(copy.Length);
        }

        public void Rename(string from, string to, bool overwrite)
        {
            Add((overwrite ? "rename! " : "rename ") + from + " " + to);
            if (!overwrite && Files.ContainsKey(to)) throw new DeliveryException($"memory: '{to}' exists", DeliveryFailureKind.RemoteExists);
            Files[to] = Files[from];
            Files.Remove(from);
        }

        public void Delete(string name)
        {
            Add("delete " + name);
            Files.Remove(name);
        }

        public void Dispose()
        {
            Log.Add("dispose");
        }
    }
}
