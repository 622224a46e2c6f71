using System;
using System.Linq;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Module
{
    /// <summary>The module exports exactly what its manifest promises: no missing cmdlet, no stray public command.</summary>
    public sealed class ExportedCommandTests : IDisposable
    {
        private readonly ModuleSession _session = new ModuleSession();

        [Fact]
        public void Get_Command_lists_exactly_the_cmdlets_in_CmdletsToExport()
        {
            var expected = ModuleManifest.Load(ModuleLocation.ManifestPath).CmdletsToExport
                .OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();

            var result = _session.Invoke("Get-Command -Module OfflineData | ForEach-Object { '{0}:{1}' -f $_.CommandType, $_.Name }").ThrowIfFailed();
            var actual = result.Output.Select(o => (string)o.BaseObject).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();

            Assert.Equal(expected.Select(n => "Cmdlet:" + n), actual);
        }

        [Fact]
        public void Every_exported_cmdlet_uses_an_approved_verb()
        {
            var result = _session.Invoke(@"
                $approved = [System.Management.Automation.VerbsCommon], [System.Management.Automation.VerbsCommunications],
                    [System.Management.Automation.VerbsData], [System.Management.Automation.VerbsDiagnostic],
                    [System.Management.Automation.VerbsLifecycle], [System.Management.Automation.VerbsOther],
                    [System.Management.Automation.VerbsSecurity] |
                    ForEach-Object { $_.GetFields() } | ForEach-Object { $_.GetValue($null) }
                Get-Command -Module OfflineData | Where-Object { $approved -notcontains $_.Verb } | ForEach-Object Name").ThrowIfFailed();

            Assert.Empty(result.Output);
        }

        public void Dispose() => _session.Dispose();
    }
}
