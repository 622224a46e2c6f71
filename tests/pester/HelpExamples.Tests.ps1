#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Every help example is run as a reader would run it, and must neither throw nor write an error.
#
# Each example runs on its own, in a fresh runspace with the module imported, in a new empty folder that holds a copy
# of the repository's examples/ folder (so ./examples/valid-sample.csv and the other sample files are there), with
# OFFLINEDATA_STORE pointing at a store in that folder that does not exist yet: an example must work on a fresh store,
# not rely on an earlier example or on the machine's own store. Its output is rendered with Out-String, as the console
# would, so a broken format view shows as well.
#
# Convention for examples that cannot run here (they need a server path, a share, another machine): one paragraph of
# the example's remarks starts with "Needs: " and says what it needs, e.g. "Needs: the share \\srv\data with a store
# on it." Such an example is not run, only checked (it parses, and names only real commands and parameters); and only
# such an example. Everything else must run offline against the sample files. See docs/cmdlets/README.md.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $exampleCases = foreach ($name in (Import-PowerShellDataFile -LiteralPath $OfflineDataManifestPath).CmdletsToExport) {
        $number = 0
        foreach ($example in @((Get-Help -Name $name -Full).examples.example)) {
            if ($null -eq $example) { continue }
            $number++
            $remarks = @(@($example.remarks) | Where-Object { $_ } | ForEach-Object { [string]$_.Text })
            @{
                Name   = $name
                Number = $number
                Title  = ([string]$example.title).Trim(' -') -replace '^Example \d+: '
                Code   = [string]$example.code
                Needs  = [string](@($remarks | Where-Object { $_ -like 'Needs: *' }) | Select-Object -First 1)
            }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $examplesFolder = (Resolve-Path (Join-Path $PSScriptRoot '../../examples')).Path

    # Runs $Code in a new runspace whose location is $Folder and whose default store is $Folder/offlinedata.db.
    # Returns the rendered output and every error written or thrown.
    function Invoke-HelpExample([string] $Code, [string] $Folder) {
        $savedStore = $env:OFFLINEDATA_STORE
        $env:OFFLINEDATA_STORE = Join-Path $Folder 'offlinedata.db'
        $sessionState = [initialsessionstate]::CreateDefault2()
        $sessionState.ImportPSModule([string[]]@($OfflineDataManifestPath))
        $ps = [powershell]::Create($sessionState)
        try {
            $null = $ps.AddCommand('Set-Location').AddParameter('LiteralPath', $Folder).AddStatement()
            $null = $ps.AddScript($Code).AddCommand('Out-String').AddParameter('Width', 200)
            $errors = [Collections.Generic.List[object]]::new()
            $output = ''
            try {
                $output = -join $ps.Invoke()
            }
            catch {
                $thrown = $_.Exception
                if ($thrown.InnerException) { $thrown = $thrown.InnerException }
                $errors.Add($thrown)
            }
            foreach ($record in $ps.Streams.Error) { $errors.Add($record) }
            [pscustomobject]@{ Output = $output; Errors = $errors.ToArray() }
        }
        finally {
            $ps.Dispose()
            $env:OFFLINEDATA_STORE = $savedStore
        }
    }
}

Describe 'Help example <Name> <Number>: <Title>' -ForEach $exampleCases {
    It 'names only real commands and parameters' {
        # Checked for every example, and the only check an example marked "Needs:" can get here.
        $tokens = $null
        $parseErrors = $null
        $ast = [Management.Automation.Language.Parser]::ParseInput($Code, [ref]$tokens, [ref]$parseErrors)
        $parseErrors | Should -BeNullOrEmpty -Because "the example`n$Code`nmust parse"
        foreach ($commandAst in $ast.FindAll({ param($node) $node -is [Management.Automation.Language.CommandAst] }, $true)) {
            $commandName = $commandAst.GetCommandName()
            if (-not $commandName -or $commandName -match '[\\/]|\.ps1$') { continue }
            $command = Get-Command -Name $commandName -ErrorAction SilentlyContinue
            $command | Should -Not -BeNullOrEmpty -Because "the example uses '$commandName'"
            if ($command.ModuleName -ne 'OfflineData') { continue }
            $known = @($command.Parameters.Values | ForEach-Object { $_.Name; $_.Aliases })
            foreach ($parameterAst in $commandAst.CommandElements | Where-Object { $_ -is [Management.Automation.Language.CommandParameterAst] }) {
                $known | Should -Contain $parameterAst.ParameterName -Because "the example passes -$($parameterAst.ParameterName) to $commandName"
            }
        }
    }

    # An example marked "Needs:" gets no run here (the check above is its test); every other one must run.
    if (-not $Needs) {
    It 'runs offline on a fresh store without an error' {
        $folder = Join-Path $TestDrive "$Name-$Number"
        New-Item -Path $folder -ItemType Directory | Out-Null
        Copy-Item -LiteralPath $examplesFolder -Destination (Join-Path $folder 'examples') -Recurse

        $result = Invoke-HelpExample -Code $Code -Folder $folder

        $because = "the example`n$Code`nwrote:`n" + (($result.Errors | ForEach-Object { "$_" }) -join "`n") + "`noutput:`n$($result.Output)"
        $result.Errors | Should -BeNullOrEmpty -Because $because
    }
    }
}

Describe 'Help examples' -ForEach @(@{ Cases = $exampleCases }) {
    It 'are judged by a runner that sees written and thrown errors' {
        # Guards the rule itself: a runner that missed errors would pass every example.
        $folder = Join-Path $TestDrive 'runner'
        New-Item -Path $folder -ItemType Directory | Out-Null

        @((Invoke-HelpExample -Code 'Test-OfflineDataFile ./no-such-file.csv' -Folder $folder).Errors).Count | Should -Be 1
        @((Invoke-HelpExample -Code 'Set-TransactionIdRecording -ReportSuite "bad id"' -Folder $folder).Errors).Count | Should -Be 1
        @((Invoke-HelpExample -Code 'Get-Item ./no-such-file.csv -ErrorAction SilentlyContinue' -Folder $folder).Errors).Count | Should -Be 0
        (Invoke-HelpExample -Code '(Get-Location).Path; $env:OFFLINEDATA_STORE' -Folder $folder).Output |
            Should -Match ([regex]::Escape($folder) + '\s+' + [regex]::Escape((Join-Path $folder 'offlinedata.db')))
    }

    It 'are skipped only when marked, and the mark says what they need' {
        # The mark is the only way out of the rule above; an empty one would hide an example that simply fails.
        foreach ($case in $Cases) {
            if ($case.Needs) { $case.Needs.Substring('Needs: '.Length).Trim() | Should -Not -BeNullOrEmpty -Because "$($case.Name) example $($case.Number)" }
        }
        @($Cases | Where-Object { -not $_.Needs }).Count | Should -BeGreaterThan (@($Cases).Count / 2) -Because 'most examples must run on the sample files'
    }
}
