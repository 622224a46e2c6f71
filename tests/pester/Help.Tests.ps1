#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# What Get-Help shows a user in a real PowerShell: the syntax lines, the online link, the about topic and the
# docs pages the online links point to. (Module.Tests.ps1 checks that the help exists and describes every parameter.)

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -SkipImport
    $cmdletCases = @((Import-PowerShellDataFile -LiteralPath $OfflineDataManifestPath).CmdletsToExport |
        ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

    # The repository the online help lives in; the manifest's ProjectUri, once it has one, must agree.
    $projectUri = 'https://github.com/offlinedata/OfflineData'
    $manifestProjectUri = (Import-PowerShellDataFile -LiteralPath $OfflineDataManifestPath).PrivateData.PSData.ProjectUri

    # The SYNTAX section of Get-Help as the console prints it, one line per parameter set.
    function Get-HelpSyntaxLine([string] $Name) {
        $text = Get-Help -Name $Name | Out-String -Width 4096
        $section = [regex]::Match($text, '(?s)\nSYNTAX\s*\n(.*?)\n\s*\nDESCRIPTION').Groups[1].Value
        @($section -split '\r?\n' | ForEach-Object Trim | Where-Object { $_ })
    }
}

Describe 'Get-Help <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $command = Get-Command -Name $Name
        $syntax = Get-HelpSyntaxLine -Name $Name
        $engineParameters = [System.Management.Automation.Cmdlet]::CommonParameters +
            [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $switches = @($command.Parameters.Values |
            Where-Object { $_.SwitchParameter -and $engineParameters -notcontains $_.Name } | ForEach-Object Name)
    }

    It 'prints one syntax line per parameter set, each naming the cmdlet' {
        $syntax.Count | Should -Be @($command.ParameterSets).Count
        foreach ($line in $syntax) { $line | Should -BeLike "$Name *" }
    }

    It 'shows each switch as [-Name], without a value' {
        foreach ($switch in $switches) {
            $withSwitch = @($syntax | Where-Object { $_ -match "-$switch\b" })
            $withSwitch | Should -Not -BeNullOrEmpty -Because "-$switch is a parameter of $Name"
            foreach ($line in $withSwitch) {
                $line | Should -Match "\[-$switch\](?= )" -Because "a switch takes no value"
                $line | Should -Not -Match "-$switch <"
            }
        }
        $syntax | Where-Object { $_ -match '<SwitchParameter>' } | Should -BeNullOrEmpty
    }

    It 'lists [-WhatIf] [-Confirm] exactly when the cmdlet supports ShouldProcess' {
        $supportsShouldProcess = $command.Parameters.ContainsKey('WhatIf')
        foreach ($line in $syntax) {
            if ($supportsShouldProcess) {
                $line | Should -BeLike '* `[-WhatIf`] `[-Confirm`] `[<CommonParameters>`]'
            }
            else {
                $line | Should -Not -Match 'WhatIf|Confirm'
            }
        }
        if ($supportsShouldProcess) {
            foreach ($parameter in 'WhatIf', 'Confirm') {
                $help = Get-Help -Name $Name -Parameter $parameter
                ($help.description | ForEach-Object Text) -join '' | Should -Not -BeNullOrEmpty
                ($help | Out-String) | Should -Match "-$parameter \[<SwitchParameter>\]"
            }
        }
    }

    It 'has an online version: the first related link, pointing at its page in docs/cmdlets' {
        $first = @((Get-Help -Name $Name -Full).relatedLinks.navigationLink)[0]
        $expected = "$projectUri/blob/main/docs/cmdlets/$Name.md"

        $first.uri | Should -Be $expected
        Join-Path $repoRoot "docs/cmdlets/$Name.md" | Should -Exist
        if ($manifestProjectUri) { $first.uri | Should -BeLike "$manifestProjectUri/*" }
        # A HelpUri on the cmdlet would win over the help file's link for Get-Help -Online: the two must agree.
        if ($command.HelpUri) { $command.HelpUri | Should -Be $expected }
    }

    It 'links the about_OfflineData topic' {
        @((Get-Help -Name $Name -Full).relatedLinks.navigationLink).linkText | Should -Contain 'about_OfflineData'
    }
}

Describe 'about_OfflineData' {
    It 'ships in the module folder as en-US/about_OfflineData.help.txt' {
        Join-Path $OfflineDataModuleDirectory 'en-US/about_OfflineData.help.txt' | Should -Exist
    }

    It 'is shown by Get-Help about_OfflineData, with every concept a user needs' {
        $text = Get-Help -Name about_OfflineData | Out-String

        $text | Should -Match 'about_OfflineData'
        foreach ($section in 'THE FILE FORMAT', 'VALIDATION', 'CONVERSION', 'THE STORE',
            'TRANSACTION ID RECORDING AND ITS WINDOW', 'IMPORTS AND THE LEDGER', 'QUARANTINE',
            'EXIT CODES OF THE EXAMPLE SCRIPTS', 'ERROR CODES', 'STREAMING') {
            $text | Should -Match "(?m)^\s*$section\s*$" -Because "the topic explains $section"
        }
        foreach ($cmdlet in (Get-Command -Module OfflineData).Name) {
            $text | Should -Match "\b$cmdlet\b" -Because 'the topic introduces every cmdlet'
        }
    }

    It 'is listed by Get-Help about_* with its short description' {
        $topic = Get-Help -Name 'about_Offline*' | Where-Object Name -EQ 'about_OfflineData'
        $topic | Should -Not -BeNullOrEmpty
        $topic.Synopsis | Should -Match 'offline event data'
    }

    It 'is found through PSModulePath in a new PowerShell, without importing the module' {
        # As on a server where the module is installed: Get-Help looks in the module folders for about topics.
        Assert-OfflineDataNotShadowed
        $modules = Join-Path $TestDrive 'Modules'
        $moduleCopy = Join-Path $modules 'OfflineData'
        New-Item -Path $moduleCopy -ItemType Directory | Out-Null
        Copy-Item -LiteralPath $OfflineDataManifestPath -Destination $moduleCopy
        Copy-Item -LiteralPath (Join-Path $OfflineDataModuleDirectory 'en-US') -Destination $moduleCopy -Recurse
        $exeName = if ($PSVersionTable.PSEdition -eq 'Core') { 'pwsh' } else { 'powershell' }
        if ($PSVersionTable.PSEdition -ne 'Core' -or $IsWindows) { $exeName += '.exe' }

        $savedModulePath = $env:PSModulePath
        $env:PSModulePath = $modules + [IO.Path]::PathSeparator + $env:PSModulePath
        try {
            $output = & (Join-Path $PSHOME $exeName) -NoProfile -NonInteractive -Command 'if (Get-Module OfflineData) { "OfflineData-was-imported" }; Get-Help about_OfflineData | Out-String -Width 120' 2>&1 | Out-String
        }
        finally {
            $env:PSModulePath = $savedModulePath
        }

        $output | Should -Not -Match 'OfflineData-was-imported'
        $output | Should -Match 'TRANSACTION ID RECORDING AND ITS WINDOW'
    }
}

Describe 'docs/cmdlets' {
    It 'holds what docs/cmdlets/Update-CmdletDocs.ps1 generates from the help in the module, so the online links show the help' {
        $generated = Join-Path $TestDrive 'cmdlets'
        & (Join-Path $repoRoot 'docs/cmdlets/Update-CmdletDocs.ps1') -ModulePath $OfflineDataManifestPath -OutputPath $generated

        $committed = Join-Path $repoRoot 'docs/cmdlets'
        $expectedNames = @(Get-ChildItem -LiteralPath $generated -File | ForEach-Object Name | Sort-Object)
        # README.md is written by hand; every other page must be a generated one.
        @(Get-ChildItem -LiteralPath $committed -File -Filter *.md | Where-Object Name -NE 'README.md' | ForEach-Object Name | Sort-Object) |
            Should -Be $expectedNames -Because 'every generated page is committed, and no stale page is left'
        foreach ($name in $expectedNames) {
            $actual = [IO.File]::ReadAllText((Join-Path $committed $name))
            $actual | Should -BeExactly ([IO.File]::ReadAllText((Join-Path $generated $name))) -Because "docs/cmdlets/$name must match the help; run docs/cmdlets/Update-CmdletDocs.ps1 after changing src/OfflineData/help"
        }
    }
}
