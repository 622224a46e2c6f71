using System;
using System.Collections;
using System.Linq;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Conversion
{
    /// <summary>
    /// The MAML help of the conversion cmdlets is hand-written: it must name exactly the real parameters, with their
    /// real Required, Position, pipeline input and aliases, so Get-Help never promises what the cmdlet does not do.
    /// </summary>
    public sealed class ConversionHelpTests : IDisposable
    {
        private readonly ModuleSession session = new ModuleSession();

        [Theory]
        [InlineData("Convert-OfflineDataFile")]
        [InlineData("Read-OfflineDataFile")]
        [InlineData("Write-OfflineDataFile")]
        public void Help_parameters_match_the_real_parameters(string cmdlet)
        {
            var result = session.Invoke(@"
                param($Name)
                $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
                $command = Get-Command -Name $Name
                $documented = @((Get-Help -Name $Name -Full).parameters.parameter) | Where-Object { $_ }
                $real = @($command.Parameters.Keys | Where-Object { $common -notcontains $_ })
                foreach ($name in $real) { if (-not ($documented | Where-Object { $_.name -eq $name })) { ""-$name is not in the help"" } }
                foreach ($p in $documented) {
                    if ($real -notcontains $p.name) { ""help documents -$($p.name), which does not exist""; continue }
                    $sets = @($command.Parameters[$p.name].ParameterSets.Values)
                    $required = [string](@($sets | Where-Object { $_.IsMandatory }).Count -gt 0)
                    $positions = @($sets | Where-Object { $_.Position -ge 0 } | ForEach-Object { [string]$_.Position })
                    $position = if ($positions.Count) { $positions[0] } else { 'named' }
                    $kinds = @()
                    if (@($sets | Where-Object { $_.ValueFromPipeline }).Count) { $kinds += 'ByValue' }
                    if (@($sets | Where-Object { $_.ValueFromPipelineByPropertyName }).Count) { $kinds += 'ByPropertyName' }
                    $pipeline = if ($kinds.Count) { 'True (' + ($kinds -join ', ') + ')' } else { 'False' }
                    $aliases = if ($command.Parameters[$p.name].Aliases.Count) { $command.Parameters[$p.name].Aliases -join ', ' } else { 'None' }
                    if ([string]$p.required -ne $required) { ""-$($p.name): help says Required $($p.required), the cmdlet $required"" }
                    if ([string]$p.position -ne $position) { ""-$($p.name): help says Position $($p.position), the cmdlet $position"" }
                    if ([string]$p.pipelineInput -ne $pipeline) { ""-$($p.name): help says pipeline input '$($p.pipelineInput)', the cmdlet '$pipeline'"" }
                    if ([string]$p.aliases -ne $aliases) { ""-$($p.name): help says aliases '$($p.aliases)', the cmdlet '$aliases'"" }
                    if ($p.type.name -ne $command.Parameters[$p.name].ParameterType.Name) { ""-$($p.name): help says type $($p.type.name), the cmdlet $($command.Parameters[$p.name].ParameterType.Name)"" }
                }",
                new Hashtable { ["Name"] = cmdlet }).ThrowIfFailed();

            var mismatches = result.Output.Select(o => (string)o.BaseObject).ToList();
            Assert.True(mismatches.Count == 0, cmdlet + ":" + Environment.NewLine + string.Join(Environment.NewLine, mismatches));
        }

        public void Dispose() => session.Dispose();
    }
}
