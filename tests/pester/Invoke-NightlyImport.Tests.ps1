#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# examples/Invoke-NightlyImport.ps1 as a scheduler runs it: a child PowerShell of the same edition with -File,
# judged by its exit code (issue 7, item 12). The script imports OfflineData by name, so the child finds the
# assembled module through PSModulePath. Every run passes -Store under $TestDrive.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Assert-OfflineDataNotShadowed
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $examples = Join-Path $repoRoot 'examples'
    $nightlyScript = Join-Path $examples 'Invoke-NightlyImport.ps1'

    $exeName = if ($PSVersionTable.PSEdition -eq 'Core') { 'pwsh' } else { 'powershell' }
    if ($PSVersionTable.PSEdition -ne 'Core' -or $IsWindows) { $exeName += '.exe' }
    $powershellPath = Join-Path $PSHOME $exeName

    # Runs the script with -File and the arguments exactly as a task's command line gives them (quoted: on Unix pwsh
    # expands a wildcard in an unquoted native argument).
    function Invoke-NightlyImport([string[]] $Arguments) {
        $savedModulePath = $env:PSModulePath
        $env:PSModulePath = (Split-Path -Path $OfflineDataModuleDirectory -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath
        try {
            $output = & $powershellPath -NoProfile -NonInteractive -File "$nightlyScript" @Arguments 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
        }
        finally {
            $env:PSModulePath = $savedModulePath
        }
    }
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'examples/Invoke-NightlyImport.ps1 with pwsh -File' {
    BeforeEach {
        $store = Join-Path $TestDrive ('store-{0}.db' -f [guid]::NewGuid().ToString('N'))
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
    }

    It 'imports every file of -Path a.csv,b.csv (one argument under -File) and exits 0' {
        $second = New-TestFile 'second.csv' '2025-03-02 10:00:00;CUST-20001;7;;SKU;1;5.00'
        $result = Invoke-NightlyImport '-Path', "$(Join-Path $examples 'valid-sample.csv'),$second", '-ReportSuite', 'acme.prod', '-Store', "$store"
        $result.ExitCode | Should -Be 0 -Because $result.Output
        (Get-OfflineDataImport -Store $store).FileName | Sort-Object | Should -Be @('second.csv', 'valid-sample.csv')
    }

    It 'reconciles each imported file with the store''s summary of its import and logs it' {
        $result = Invoke-NightlyImport '-Path', "$(Join-Path $examples 'valid-sample.csv')", '-ReportSuite', 'acme.prod', '-Store', "$store"
        $result.ExitCode | Should -Be 0 -Because $result.Output
        $result.Output | Should -BeLike '*reconciled: 10 rows, revenue 10090.20, 7 customers in the file and in import 1*'
    }

    It 'exits 5 when the store no longer holds what the file holds (a row lost after import)' {
        $first = Invoke-NightlyImport '-Path', "$(Join-Path $examples 'valid-sample.csv')", '-ReportSuite', 'acme.prod', '-Store', "$store"
        $first.ExitCode | Should -Be 0 -Because $first.Output
        # A row removed behind the module's back: the next run skips the file as imported, and reconciliation sees the loss.
        $sqlite = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([OfflineData.Core.Store.Sqlite.NativeSqliteLoader, OfflineData.Core].Assembly).
            LoadFromAssemblyName([System.Reflection.AssemblyName]::new('Microsoft.Data.Sqlite')).GetType('Microsoft.Data.Sqlite.SqliteConnection', $true)
        $connection = $sqlite::new("Data Source=$store;Pooling=False")
        $connection.Open()
        $command = $connection.CreateCommand()
        $command.CommandText = 'DELETE FROM offline_row WHERE id = (SELECT max(id) FROM offline_row);'
        $null = $command.ExecuteNonQuery()
        $connection.Dispose()

        $result = Invoke-NightlyImport '-Path', "$(Join-Path $examples 'valid-sample.csv')", '-ReportSuite', 'acme.prod', '-Store', "$store"

        $result.ExitCode | Should -Be 5 -Because $result.Output
        $result.Output | Should -BeLike '*RECONCILIATION MISMATCH*file 10 rows*import 1 in the store 9 rows*'
    }

    It 'exits 1 when online rows were not recorded (RecordingDisabled)' {
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled:$false -Store $store
        $result = Invoke-NightlyImport '-Path', "$(Join-Path $examples 'valid-sample.csv')", '-OnlinePath', "$(Join-Path $examples 'import/online-transactions.csv')", '-ReportSuite', 'acme.prod', '-Store', "$store"
        $result.ExitCode | Should -Be 1 -Because $result.Output
        $result.Output | Should -BeLike '*RecordingDisabled*'
    }

    It 'exits 4 for a malformed -ReportSuite and creates no store' {
        $fresh = Join-Path $TestDrive 'fresh.db'
        $result = Invoke-NightlyImport '-Path', "$(Join-Path $examples 'valid-sample.csv')", '-ReportSuite', 'acme prod', '-Store', "$fresh"
        $result.ExitCode | Should -Be 4 -Because $result.Output
        $fresh | Should -Not -Exist
    }

    It 'exits 4 for a -RejectPath that is a file before recording or importing anything' {
        # Before, the bad -RejectPath surfaced only at the first import: the online rows were already recorded and
        # the script still said exit 4, 'nothing was done'.
        $notAFolder = New-TestFile 'not-a-folder.txt' 'x'
        $result = Invoke-NightlyImport '-Path', "$(Join-Path $examples 'valid-sample.csv')", '-OnlinePath', "$(Join-Path $examples 'import/online-transactions.csv')", '-ReportSuite', 'acme.prod', '-Store', "$store", '-RejectPath', "$notAFolder"
        $result.ExitCode | Should -Be 4 -Because $result.Output
        $result.Output | Should -Not -Match '(?m)^online '
        (Get-TransactionIdRecording -ReportSuite acme.prod -Store $store).RecordedTransactions | Should -Be 0
        (Get-TransactionIdRecording -ReportSuite acme.prod -Store $store).KnownVisitors | Should -Be 0
        @(Get-OfflineDataImport -Store $store).Count | Should -Be 0
    }

    It 'writes no ANSI colour codes into a redirected log' {
        # Before, Import-OnlineData's warnings (DuplicateTransactionId) reached the scheduler's log as ESC[33;1m...
        $result = Invoke-NightlyImport '-Path', "$(Join-Path $examples 'valid-sample.csv')", '-OnlinePath', "$(Join-Path $examples 'import/online-transactions.csv')", '-ReportSuite', 'acme.prod', '-Store', "$store"
        $result.Output | Should -Match 'WARNING'
        $result.Output | Should -Not -Match ([regex]::Escape([string][char]27))
    }

    It 'warns about a report suite without recording settings and still imports' {
        $result = Invoke-NightlyImport '-Path', "$(Join-Path $examples 'valid-sample.csv')", '-ReportSuite', 'acme.prd', '-Store', "$store"
        $result.ExitCode | Should -Be 0 -Because $result.Output
        $result.Output | Should -BeLike "*WARNING: report suite 'acme.prd' has no Transaction ID recording settings*"
    }

    It 'exits 3 when the store cannot be used (a folder where the store file should be)' {
        $folder = Join-Path $TestDrive 'folder.db'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $result = Invoke-NightlyImport '-Path', "$(Join-Path $examples 'valid-sample.csv')", '-ReportSuite', 'acme.prod', '-Store', "$folder"
        $result.ExitCode | Should -Be 3 -Because $result.Output
        $result.Output | Should -BeLike '*store error*'
    }

    It 'exits 2 for a file with no importable row and logs its reason once' {
        $empty = New-TestFile 'header-only.csv' 'Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2'
        $result = Invoke-NightlyImport '-Path', "$empty", '-ReportSuite', 'acme.prod', '-Store', "$store"
        $result.ExitCode | Should -Be 2 -Because $result.Output
        $reason = [regex]::Matches($result.Output, 'no data row|can be imported|not imported')
        $reason.Count | Should -BeGreaterThan 0 -Because $result.Output
        $result.Output | Should -Not -BeLike '*import error:*' -Because 'the result line and its message say it once'
        @($result.Output -split "`n" | Where-Object { $_ -match 'header-only\.csv' -and $_ -match 'not imported' }).Count | Should -BeLessOrEqual 1 -Because $result.Output
    }

    It 'exits 2 when no file matched' {
        $result = Invoke-NightlyImport '-Path', "$(Join-Path $TestDrive 'nothing-*.csv')", '-ReportSuite', 'acme.prod', '-Store', "$store"
        $result.ExitCode | Should -Be 2 -Because $result.Output
    }
}
