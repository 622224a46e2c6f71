using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Module
{
    /// <summary>
    /// Every exported cmdlet has real MAML help (binary cmdlets cannot use comment-based help):
    /// Get-Help -Full shows a synopsis, a description of each parameter and at least two examples.
    /// </summary>
    public sealed class CmdletHelpTests : IDisposable
    {
        private readonly ModuleSession _session = new ModuleSession();

        /// <summary>One case per cmdlet in the repository manifest's CmdletsToExport.</summary>
        public static IEnumerable<object[]> ExportedCmdlets =>
            ModuleManifest.Load(ModuleLocation.SourceManifestPath).CmdletsToExport.Select(name => new object[] { name });

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Help_comes_from_the_module_help_file_with_synopsis_and_description(string cmdlet)
        {
            // Without a help file Get-Help makes up a CmdletHelpInfo whose synopsis is the syntax;
            // help read from en-US/OfflineData.dll-Help.xml is a MamlCommandHelpInfo.
            var result = _session.Invoke(@"
                param($Name)
                $help = Get-Help -Name $Name -Full
                $help.pstypenames -contains 'MamlCommandHelpInfo'
                [string]$help.Synopsis
                (@($help.description) | Where-Object { $_ } | ForEach-Object { $_.Text }) -join ''",
                new Hashtable { ["Name"] = cmdlet }).ThrowIfFailed();

            Assert.Equal(3, result.Output.Count);
            Assert.True((bool)result.Output[0].BaseObject, $"Get-Help {cmdlet} found no MAML help; is it in src/OfflineData/help/{cmdlet}.xml?");
            Assert.False(string.IsNullOrWhiteSpace((string)result.Output[1].BaseObject), $"{cmdlet} help has no synopsis.");
            Assert.False(string.IsNullOrWhiteSpace((string)result.Output[2].BaseObject), $"{cmdlet} help has no description.");
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Help_describes_every_parameter(string cmdlet)
        {
            // Common parameters (-Verbose, -ErrorAction ...) and -WhatIf/-Confirm are documented by the
            // engine in about_CommonParameters; every other parameter of the cmdlet needs its own text, except
            // the hidden (DontShow) ones that only receive the piped object.
            var result = _session.Invoke(@"
                param($Name)
                $engineDocumented = [System.Management.Automation.Cmdlet]::CommonParameters +
                    [System.Management.Automation.Cmdlet]::OptionalCommonParameters + (Get-Command -Name $Name).Parameters.Values.Where({
                        $_.Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }) }).Name
                $described = @{}
                foreach ($parameter in @((Get-Help -Name $Name -Full).parameters.parameter)) {
                    if ($null -eq $parameter) { continue }
                    $text = (@($parameter.description) | ForEach-Object { $_.Text }) -join ''
                    if ($text.Trim()) { $described[[string]$parameter.name] = $true }
                }
                (Get-Command -Name $Name).Parameters.Keys |
                    Where-Object { $engineDocumented -notcontains $_ -and -not $described.ContainsKey($_) }",
                new Hashtable { ["Name"] = cmdlet }).ThrowIfFailed();

            var undocumented = result.Output.Select(o => (string)o.BaseObject).ToList();
            Assert.True(undocumented.Count == 0, $"{cmdlet}: no help description for -{string.Join(", -", undocumented)}.");
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Help_parameters_match_the_cmdlets_real_parameters(string cmdlet)
        {
            // Help written by hand drifts from the code: every documented parameter must exist, and its
            // required flag, position, pipeline input, aliases and type must be what the engine binds.
            var result = _session.Invoke(@"
                param($Name)
                $command = Get-Command -Name $Name
                $help = Get-Help -Name $Name -Full
                $engineDocumented = [System.Management.Automation.Cmdlet]::CommonParameters +
                    [System.Management.Automation.Cmdlet]::OptionalCommonParameters
                $documented = @{}
                foreach ($parameter in @($help.parameters.parameter)) {
                    if ($null -eq $parameter) { continue }
                    $documented[[string]$parameter.name] = $parameter
                    if (-not $command.Parameters.ContainsKey([string]$parameter.name)) { ""-$($parameter.name): documented but not a parameter"" }
                }
                foreach ($entry in $command.Parameters.GetEnumerator()) {
                    if ($engineDocumented -contains $entry.Key) { continue }
                    $h = $documented[$entry.Key]
                    if ($null -eq $h) { continue }
                    $sets = @($entry.Value.ParameterSets.Values)
                    $required = ([string][bool]@($sets | Where-Object IsMandatory).Count).ToLowerInvariant()
                    $positions = @($sets | Where-Object { $_.Position -ge 0 } | ForEach-Object Position)
                    $position = if ($positions.Count) { [string]$positions[0] } else { 'named' }
                    $kinds = @()
                    if (@($sets | Where-Object ValueFromPipeline).Count) { $kinds += 'ByValue' }
                    if (@($sets | Where-Object ValueFromPipelineByPropertyName).Count) { $kinds += 'ByPropertyName' }
                    $pipeline = if ($kinds.Count) { 'True (' + ($kinds -join ', ') + ')' } else { 'False' }
                    $aliases = if ($entry.Value.Aliases.Count) { $entry.Value.Aliases -join ', ' } else { 'None' }
                    $type = $entry.Value.ParameterType
                    if ($type.IsGenericType -and $type.GetGenericTypeDefinition() -eq [Nullable`1]) { $type = $type.GetGenericArguments()[0] }
                    if ([string]$h.required -ne $required) { ""-$($entry.Key): required is '$($h.required)' in help, '$required' in code"" }
                    if ([string]$h.position -ne $position) { ""-$($entry.Key): position is '$($h.position)' in help, '$position' in code"" }
                    if ([string]$h.pipelineInput -ne $pipeline) { ""-$($entry.Key): pipeline input is '$($h.pipelineInput)' in help, '$pipeline' in code"" }
                    if ([string]$h.aliases -ne $aliases) { ""-$($entry.Key): aliases are '$($h.aliases)' in help, '$aliases' in code"" }
                    if (@($type.Name, $type.FullName) -notcontains [string]$h.type.name) { ""-$($entry.Key): type is '$($h.type.name)' in help, '$($type.Name)' in code"" }
                }
                if (@($help.syntax.syntaxItem).Count -ne @($command.ParameterSets).Count) {
                    ""$(@($help.syntax.syntaxItem).Count) syntax block(s) in help, $(@($command.ParameterSets).Count) parameter set(s) in code""
                }",
                new Hashtable { ["Name"] = cmdlet }).ThrowIfFailed();

            var mismatches = result.Output.Select(o => (string)o.BaseObject).ToList();
            Assert.True(mismatches.Count == 0, $"{cmdlet} help does not match the cmdlet:\n{string.Join("\n", mismatches)}");
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Help_syntax_shows_switches_as_bare_names_and_WhatIf_Confirm_for_ShouldProcess_cmdlets(string cmdlet)
        {
            // Get-Help prints a switch of a MAML syntax item that has a parameterValue as [-Quiet <SwitchParameter>], and
            // -WhatIf/-Confirm only if the syntax item lists them. This host has no Out-String, so the MAML structure
            // is checked here; tests/pester/Help.Tests.ps1 checks the printed syntax in pwsh.
            var result = _session.Invoke(@"
                param($Name)
                $command = Get-Command -Name $Name
                $shouldProcess = $command.Parameters.ContainsKey('WhatIf')
                $items = @((Get-Help -Name $Name -Full).syntax.syntaxItem)
                if ($items.Count -ne @($command.ParameterSets).Count) { ""$($items.Count) syntax item(s) for $(@($command.ParameterSets).Count) parameter set(s)"" }
                $number = 0
                foreach ($item in $items) {
                    $number++
                    $names = @($item.parameter | ForEach-Object { [string]$_.name })
                    foreach ($parameter in @($item.parameter)) {
                        $real = $command.Parameters[[string]$parameter.name]
                        if ($real -and $real.SwitchParameter -and $parameter.parameterValue) { ""syntax $($number): -$($parameter.name) is a switch but has a value"" }
                    }
                    if ($shouldProcess -and ($names -notcontains 'WhatIf' -or $names -notcontains 'Confirm')) { ""syntax $($number): no -WhatIf/-Confirm"" }
                    if (-not $shouldProcess -and ($names -contains 'WhatIf' -or $names -contains 'Confirm')) { ""syntax $($number): -WhatIf/-Confirm without ShouldProcess"" }
                }",
                new Hashtable { ["Name"] = cmdlet }).ThrowIfFailed();

            var problems = result.Output.Select(o => (string)o.BaseObject).ToList();
            Assert.True(problems.Count == 0, $"{cmdlet} help syntax:\n{string.Join("\n", problems)}");
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Help_has_at_least_two_examples_with_code(string cmdlet)
        {
            var result = _session.Invoke(
                "param($Name) @((Get-Help -Name $Name -Full).examples.example) | Where-Object { $_ } | ForEach-Object { [string]$_.code }",
                new Hashtable { ["Name"] = cmdlet }).ThrowIfFailed();

            var examples = result.Output.Select(o => (string)o.BaseObject).ToList();
            Assert.True(examples.Count >= 2, $"{cmdlet} has {examples.Count} help example(s); at least two are required.");
            Assert.All(examples, code => Assert.False(string.IsNullOrWhiteSpace(code), $"{cmdlet} has an example without code."));
        }

        public void Dispose() => _session.Dispose();
    }
}
