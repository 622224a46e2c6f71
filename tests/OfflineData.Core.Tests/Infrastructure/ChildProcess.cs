using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace OfflineData.Core.Tests.Infrastructure
{
    /// <summary>A real child process running <see cref="ChildProcessEntryPoint"/>, with its output collected line by line.</summary>
    public sealed class ChildProcess : IDisposable
    {
        private readonly Process process;
        private readonly BlockingCollection<string> lines = new BlockingCollection<string>();
        private readonly StringBuilder output = new StringBuilder();

        private ChildProcess(Process process)
        {
            this.process = process;
        }

        /// <summary>A pauseMs that holds the pause until <see cref="Resume"/> is called.</summary>
        public const int UntilResumed = -2;

        public static ChildProcess StartImport(string store, string file, string suite, long pauseAfterRows = -1, int pauseMs = 0) =>
            Start("import", store, file, suite, pauseAfterRows.ToString(System.Globalization.CultureInfo.InvariantCulture), pauseMs.ToString(System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>A child that claims a delivery in the store at <paramref name="location"/>, prints HELD (or REFUSED) and holds the claim until killed.</summary>
        public static ChildProcess StartDeliveryClaim(string location, string destination, string sha256) => Start("claim", location, destination, sha256);

        private static ChildProcess Start(params string[] command)
        {
            var assembly = typeof(ChildProcessEntryPoint).Assembly.Location;
            var arguments = new[] { assembly }.Concat(command).ToArray();
#if NETFRAMEWORK
            // net472: the test assembly is an .exe; Mono runs it as 'mono OfflineData.Core.Tests.exe ...', .NET Framework
            // directly. No ArgumentList there: quote the arguments (paths without quotes in them) into one line.
            var onMono = Type.GetType("Mono.Runtime") != null;
            var info = new ProcessStartInfo(onMono ? "mono" : assembly)
            {
                Arguments = string.Join(" ", (onMono ? arguments : arguments.Skip(1)).Select(a => "\"" + a + "\"")),
#else
            var dotnet = Environment.ProcessPath != null && Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath : "dotnet";
            var info = new ProcessStartInfo(dotnet)
            {
#endif
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
#if !NETFRAMEWORK
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
#endif

            var process = new Process { StartInfo = info };
            var child = new ChildProcess(process);
            process.OutputDataReceived += (_, e) => child.Received(e.Data);
            process.ErrorDataReceived += (_, e) => child.Received(e.Data == null ? null : "STDERR " + e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return child;
        }

        public int Id => process.Id;

        public string Output
        {
            get
            {
                lock (output) return output.ToString();
            }
        }

        /// <summary>Waits until the child prints a line starting with <paramref name="prefix"/>.</summary>
        public void WaitForLine(string prefix, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                if (lines.TryTake(out var line, TimeSpan.FromMilliseconds(100)) && line.StartsWith(prefix, StringComparison.Ordinal)) return;
                if (process.HasExited && lines.Count == 0) throw new InvalidOperationException($"The child exited ({process.ExitCode}) without printing '{prefix}':\n{Output}");
            }

            throw new TimeoutException($"The child did not print '{prefix}' within {timeout}:\n{Output}");
        }

        public int WaitForExit(TimeSpan timeout)
        {
            if (!process.WaitForExit((int)timeout.TotalMilliseconds)) throw new TimeoutException($"The child did not exit within {timeout}:\n{Output}");
            process.WaitForExit(); // drain the output
            return process.ExitCode;
        }

        /// <summary>Ends a pause started with <see cref="UntilResumed"/>.</summary>
        public void Resume()
        {
            process.StandardInput.WriteLine("RESUME");
            process.StandardInput.Flush();
        }

        /// <summary>Kills the child for real (SIGKILL on Linux), as a power cut or Stop-Process -Force would.</summary>
        public void Kill()
        {
#if NETFRAMEWORK
            process.Kill(); // the child starts no processes of its own
#else
            process.Kill(entireProcessTree: true);
#endif
            process.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited) Kill();
            process.Dispose();
        }

        private void Received(string? line)
        {
            if (line == null) return;
            lock (output) output.AppendLine(line);
            lines.Add(line);
        }
    }
}
