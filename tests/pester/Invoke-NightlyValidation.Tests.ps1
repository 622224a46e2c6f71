#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# examples/Invoke-NightlyValidation.ps1 end to end, as a scheduler runs it: a child PowerShell of the same edition
# with -File, judged by its exit code. The script imports OfflineData by name, so the child finds the assembled
# module through PSModulePath, as on a server where it is installed.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -SkipImport
    Assert-OfflineDataNotShadowed
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $examples = Join-Path $repoRoot 'examples'
    $nightlyScript = Join-Path $examples 'Invoke-NightlyValidation.ps1'

    $exeName = if ($PSVersionTable.PSEdition -eq 'Core') { 'pwsh' } else { 'powershell' }
    if ($PSVersionTable.PSEdition -ne 'Core' -or $IsWindows) { $exeName += '.exe' }
    $powershellPath = Join-Path $PSHOME $exeName

    function Invoke-NightlyValidation([string] $Path, [string] $ReportPath) {
        $savedModulePath = $env:PSModulePath
        $env:PSModulePath = (Split-Path -Path $OfflineDataModuleDirectory -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath
        try {
            # Quoted: on Unix pwsh expands a wildcard in an unquoted native argument, a variable's value too,
            # so 'valid-sample.*' would reach the script as several positional arguments.
            $output = & $powershellPath -NoProfile -NonInteractive -File "$nightlyScript" -Path "$Path" -ReportPath "$ReportPath" 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
        }
        finally {
            $env:PSModulePath = $savedModulePath
        }
    }
}

Describe 'examples/Invoke-NightlyValidation.ps1' {
    It 'exits 0 when every file is valid and writes no findings report' {
        $report = Join-Path $TestDrive 'valid-findings.csv'
        $result = Invoke-NightlyValidation -Path (Join-Path $examples 'valid-sample.*') -ReportPath $report
        $result.ExitCode | Should -Be 0 -Because $result.Output
        $report | Should -Not -Exist
    }

    It 'exits 1 when a file is invalid and writes its findings to the report' {
        $report = Join-Path $TestDrive 'findings.csv'
        $result = Invoke-NightlyValidation -Path (Join-Path $examples '*-sample.*') -ReportPath $report
        $result.ExitCode | Should -Be 1 -Because $result.Output
        $findings = @(Import-Csv -LiteralPath $report)
        $findings.Count | Should -Be 12
        ($findings | Where-Object Code -EQ 'InvalidNumber').Line | Should -Be 7
        $findings | ForEach-Object { $_.Path | Should -BeLike '*invalid-sample.csv' }
    }

    It 'exits 2, and does not claim a report, when the findings report cannot be written' {
        # Before, Export-Csv failed non-terminating and the script still said 'findings written to ...' and exited 1.
        $report = Join-Path $TestDrive 'no-such-folder/findings.csv'
        $result = Invoke-NightlyValidation -Path (Join-Path $examples 'invalid-sample.csv') -ReportPath $report
        $result.ExitCode | Should -Be 2 -Because $result.Output
        $result.Output | Should -Not -Match 'findings written to'
        $result.Output | Should -Match 'could not be written'
        $report | Should -Not -Exist
    }

    It 'exits 1 for a file without data rows, which Import-OfflineData would refuse' {
        # Before, an empty or header-only export was 'valid' (NoDataRows is a warning) and the script exited 0,
        # while the nightly import fails such a file (NoImportableRows) and exits 2.
        $headerOnly = Join-Path $TestDrive 'header-only.csv'
        Set-Content -LiteralPath $headerOnly -Value (Get-Content -LiteralPath (Join-Path $examples 'valid-sample.csv') -TotalCount 1)
        $report = Join-Path $TestDrive 'header-only-findings.csv'
        $result = Invoke-NightlyValidation -Path $headerOnly -ReportPath $report
        $result.ExitCode | Should -Be 1 -Because $result.Output
        (Import-Csv -LiteralPath $report).Code | Should -Be 'NoDataRows'
    }

    It 'exits 2 when no file matches' {
        $result = Invoke-NightlyValidation -Path (Join-Path $TestDrive 'none-*.csv') -ReportPath (Join-Path $TestDrive 'none.csv')
        $result.ExitCode | Should -Be 2 -Because $result.Output
    }
}

Describe 'examples/Invoke-NightlyValidation.ps1 under pwsh -File' {
    It 'takes a comma list as several paths, as a scheduler passes it' {
        # pwsh -File gives the script 'a,b' as one string; before, that was one missing file and exit 2.
        $report = Join-Path $TestDrive 'list-findings.csv'
        $list = (Join-Path $examples 'valid-sample.csv') + ',' + (Join-Path $examples 'invalid-sample.csv')
        $result = Invoke-NightlyValidation -Path $list -ReportPath $report
        $result.ExitCode | Should -Be 1 -Because $result.Output
        $result.Output | Should -Match 'valid-sample\.csv: \d+ rows'
        $result.Output | Should -Match 'invalid-sample\.csv: \d+ rows'
        @(Import-Csv -LiteralPath $report | ForEach-Object Path | Sort-Object -Unique) | Should -HaveCount 1
    }

    It 'keeps a file name with a comma whole' {
        $named = Join-Path $TestDrive 'day,1.csv'
        Copy-Item -LiteralPath (Join-Path $examples 'valid-sample.csv') -Destination $named
        $result = Invoke-NightlyValidation -Path $named -ReportPath (Join-Path $TestDrive 'comma-findings.csv')
        $result.ExitCode | Should -Be 0 -Because $result.Output
    }

    It 'writes no ANSI colour codes into a redirected log' {
        $result = Invoke-NightlyValidation -Path (Join-Path $examples 'invalid-sample.csv') -ReportPath (Join-Path $TestDrive 'ansi-findings.csv')
        $result.Output | Should -Match 'WARNING'
        $result.Output | Should -Not -Match ([regex]::Escape([string][char]27))
    }
}
