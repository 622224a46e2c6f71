#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# The module as a whole: what the manifest promises is what the module exports, and every cmdlet has real help.
# Mirrors tests/OfflineData.Module.Tests/Module (xunit) for machines with pwsh and Windows PowerShell 5.1.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -SkipImport
    $cmdletCases = @((Import-PowerShellDataFile -LiteralPath $OfflineDataManifestPath).CmdletsToExport |
        ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $manifest = Import-PowerShellDataFile -LiteralPath $OfflineDataManifestPath
}

Describe 'OfflineData module' {
    It 'imports from the assembled module folder' {
        $module = Get-Module -Name OfflineData
        $module | Should -Not -BeNullOrEmpty
        $module.ModuleType | Should -Be 'Binary'
        $module.ModuleBase | Should -Be $OfflineDataModuleDirectory
        $module.ImplementingAssembly.Location | Should -Be (Join-Path $OfflineDataModuleDirectory 'OfflineData.dll')
    }

    It 'loads OfflineData.Core from the module''s dependency folder' {
        $reference = (Get-Module -Name OfflineData).ImplementingAssembly.GetReferencedAssemblies() |
            Where-Object { $_.Name -eq 'OfflineData.Core' }
        $reference | Should -Not -BeNullOrEmpty

        # Loads it by the name OfflineData.dll references, as the cmdlets do; a no-op when already loaded.
        $core = [System.Reflection.Assembly]::Load($reference)

        $core.Location | Should -Be ([IO.Path]::Combine($OfflineDataModuleDirectory, 'dependencies', 'OfflineData.Core.dll'))
    }

    It 'exports exactly the cmdlets listed in CmdletsToExport' {
        $exported = @(Get-Command -Module OfflineData)

        $exported | Where-Object { $_.CommandType -ne 'Cmdlet' } | Should -BeNullOrEmpty
        ($exported.Name | Sort-Object) -join ',' | Should -Be ((@($manifest.CmdletsToExport) | Sort-Object) -join ',')
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        Get-Command -Module OfflineData | Where-Object { $approved -notcontains $_.Verb } | Should -BeNullOrEmpty
    }
}

Describe 'OfflineData manifest' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $OfflineDataManifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'declares Desktop and Core editions and PowerShell 5.1' {
        (@($manifest.CompatiblePSEditions) | Sort-Object) -join ',' | Should -Be 'Core,Desktop'
        $manifest.PowerShellVersion | Should -Be '5.1'
    }

    It 'has OfflineData.dll as root module' {
        $manifest.RootModule | Should -Be 'OfflineData.dll'
        Join-Path $OfflineDataModuleDirectory $manifest.RootModule | Should -Exist
    }

    It 'ships every format file it lists' {
        foreach ($file in @($manifest.FormatsToProcess) + @($manifest.TypesToProcess)) {
            if ($file) { Join-Path $OfflineDataModuleDirectory $file | Should -Exist }
        }
    }
}

Describe 'Help for <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
        $command = Get-Command -Name $Name
    }

    It 'comes from the MAML help file, with a synopsis and a description' {
        # Without a help file Get-Help makes up a CmdletHelpInfo whose synopsis is the syntax.
        $help.pstypenames | Should -Contain 'MamlCommandHelpInfo'
        $help.Synopsis | Should -Not -BeNullOrEmpty
        (@($help.description) | Where-Object { $_ } | ForEach-Object { $_.Text }) -join '' | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        # Common parameters and -WhatIf/-Confirm are documented by the engine (about_CommonParameters); hidden
        # (DontShow) parameters only receive the piped object and are not shown by Get-Help.
        $engineDocumented = [System.Management.Automation.Cmdlet]::CommonParameters +
            [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $undocumented = foreach ($parameterName in $command.Parameters.Keys) {
            if ($engineDocumented -contains $parameterName) { continue }
            if ($command.Parameters[$parameterName].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })) { continue }
            $helpParameter = @($help.parameters.parameter) | Where-Object { $_ -and $_.name -eq $parameterName }
            $text = (@($helpParameter) | ForEach-Object { @($_.description) } | Where-Object { $_ } | ForEach-Object { $_.Text }) -join ''
            if (-not $text.Trim()) { $parameterName }
        }

        $undocumented | Should -BeNullOrEmpty -Because 'every parameter needs a description in the help file'
    }

    It 'has at least two examples, each with code' {
        $examples = @(@($help.examples.example) | Where-Object { $_ })

        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            [string]$example.code | Should -Not -BeNullOrEmpty
        }
    }
}
