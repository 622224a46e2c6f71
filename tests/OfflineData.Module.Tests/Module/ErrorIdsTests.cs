using System;
using System.IO;
using System.Linq;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Module
{
    /// <summary>The ErrorIds the cmdlets write are in one class, and docs/errors.md (the truth for users) explains each.</summary>
    public sealed class ErrorIdsTests : IDisposable
    {
        private readonly ModuleSession session = new ModuleSession();

        [Fact]
        public void Every_ErrorId_constant_is_documented_in_errors_md()
        {
            var ids = session.Invoke("[OfflineData.Commands.ErrorIds].GetFields() | ForEach-Object { $_.GetValue($null) }").ThrowIfFailed()
                .Output.Select(o => (string)o.BaseObject).ToList();
            var errors = File.ReadAllText(Path.Combine(ModuleLocation.RepoRoot, "docs", "errors.md"));

            Assert.Contains("StoreMismatch", ids);
            Assert.True(ids.Count >= 19, string.Join(", ", ids));
            Assert.All(ids, id => Assert.True(errors.Contains("`" + id + "`", StringComparison.Ordinal) || errors.Contains("| " + id + " |", StringComparison.Ordinal), $"{id} is not in docs/errors.md"));
        }

        [Fact]
        public void The_cmdlets_write_the_ErrorId_constants()
        {
            // A wrong path is PathNotFound in every cmdlet that reads files: one constant, one spelling.
            var result = session.Invoke("'Test','Read' | ForEach-Object { & \"$_-OfflineDataFile\" -LiteralPath ./no-such-file.csv 2>&1 } | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }");
            Assert.All(result.Output, o => Assert.Equal("PathNotFound", (string)o.BaseObject));
            Assert.Equal(2, result.Output.Count);
        }

        /// <inheritdoc />
        public void Dispose() => session.Dispose();
    }
}
