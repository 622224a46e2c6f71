#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Issue 7, items 1 and 9 in a real pwsh: objects from a store carry it (Store, the store's full path) and the store
# cmdlets bind -Store from it, so pipelines act on the store the objects came from. The default store is a decoy
# under $TestDrive (OFFLINEDATA_STORE), so a cmdlet that fell back to it never touches the user's own store.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $offline = Join-Path $repoRoot 'examples/valid-sample.csv'
    $online = Join-Path $repoRoot 'examples/import/online-transactions.csv'
    $savedStore = $env:OFFLINEDATA_STORE

    function New-Store {
        Join-Path $TestDrive ('store-{0}.db' -f [guid]::NewGuid().ToString('N'))
    }

    function New-Decoy {
        # The default store for this test: one one-row import with ledger ID 1, and acme.prod recording on.
        $env:OFFLINEDATA_STORE = New-Store
        $file = New-TestFile "decoy-$([guid]::NewGuid().ToString('N')).csv" '2025-03-02 10:00:00;DECOY-1;7;;SKU;1;5.00'
        $null = Import-OfflineData -Path $file -ReportSuite acme.prod
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled
        $env:OFFLINEDATA_STORE
    }
}

AfterAll {
    $env:OFFLINEDATA_STORE = $savedStore
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Piped store objects act on their own store' {
    BeforeEach {
        $decoy = New-Decoy
        $store = New-Store
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
        $null = Import-OnlineData -Path $online -ReportSuite acme.prod -Store $store -WarningAction SilentlyContinue
        $imported = Import-OfflineData -Path $offline -ReportSuite acme.prod -Store $store
    }

    It 'Get-OfflineDataImport -Store x | Get-OfflineData reads the rows of x' {
        $rows = @(Get-OfflineDataImport -Store $store | Get-OfflineData)
        $rows.Count | Should -Be 10
        $rows.Store | Sort-Object -Unique | Should -Be (Resolve-Path -LiteralPath $store).ProviderPath
        $rows.CustomerId | Should -Not -Contain 'DECOY-1'
    }

    It 'Import-OfflineData -Store x | Get-OfflineDataImport reads the ledger of x' {
        $entry = $imported | Get-OfflineDataImport
        $entry.Id | Should -Be $imported.ImportId
        $entry.FileName | Should -Be 'valid-sample.csv'
        $entry.Store | Should -Be $imported.Store
    }

    It 'Get-TransactionIdRecording -Store x | Set-TransactionIdRecording -Enabled:$false changes x, and -WhatIf names x' {
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -LiteralPath $transcript -UseMinimalHeader | Out-Null
        Get-TransactionIdRecording -Store $store | Set-TransactionIdRecording -Enabled:$false -WhatIf
        Stop-Transcript | Out-Null
        Get-Content -LiteralPath $transcript -Raw | Should -BeLike "*report suite 'acme.prod' in store '$((Resolve-Path -LiteralPath $store).ProviderPath)'*"

        Get-TransactionIdRecording -Store $store | Set-TransactionIdRecording -Enabled:$false
        (Get-TransactionIdRecording -Store $store).Enabled | Should -BeFalse
        (Get-TransactionIdRecording -Store $decoy).Enabled | Should -BeTrue
    }

    It 'keeps the store through ConvertTo-Json and Export-Csv, and the deserialized objects still bind it' {
        $json = Get-TransactionIdRecording -Store $store | ConvertTo-Json
        ($json | ConvertFrom-Json).Store | Should -Be (Resolve-Path -LiteralPath $store).ProviderPath
        @($json | ConvertFrom-Json | Get-OfflineDataImport).FileName | Should -Be 'valid-sample.csv'

        $csv = Join-Path $TestDrive 'ledger.csv'
        Get-OfflineDataImport -Store $store | Select-Object Id, ReportSuite, Store | Export-Csv -LiteralPath $csv
        @(Import-Csv -LiteralPath $csv | Get-OfflineData).Count | Should -Be 10
    }

    It 'an explicit -Store naming another store is a StoreMismatch error for each piped object, $? false' {
        $other = New-Store
        $rows = Get-OfflineDataImport -Store $store | Get-OfflineData -Store $other -ErrorVariable mismatch -ErrorAction SilentlyContinue
        $ok = $?
        $rows | Should -BeNullOrEmpty
        $ok | Should -BeFalse
        $mismatch.Count | Should -Be 1
        $mismatch[0].FullyQualifiedErrorId | Should -Be 'StoreMismatch,OfflineData.Commands.GetOfflineDataCommand'
        $mismatch[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $mismatch[0].TargetObject | Should -BeOfType 'OfflineData.Core.Store.ImportLedgerEntry, OfflineData.Core'

        Get-TransactionIdRecording -Store $store | Set-TransactionIdRecording -Enabled:$false -Store $other -ErrorVariable mismatch -ErrorAction SilentlyContinue
        $mismatch[0].FullyQualifiedErrorId | Should -Be 'StoreMismatch,OfflineData.Commands.SetTransactionIdRecordingCommand'
        (Get-TransactionIdRecording -Store $store).Enabled | Should -BeTrue
        Test-Path -LiteralPath $other | Should -BeFalse
    }

    It 'Measure-OfflineData -Store naming another store is a StoreMismatch error for each piped object; its own -Store and a piped file still work' {
        $other = New-Store
        $null = Import-OfflineData -LiteralPath (Join-Path $repoRoot 'examples/valid-sample.csv') -ReportSuite acme.prod -Store $other -WarningAction SilentlyContinue
        $entries = @(Get-OfflineDataImport -Store $store)
        $summary = $entries | Measure-OfflineData -Store $other -ErrorVariable mismatch -ErrorAction SilentlyContinue
        $ok = $?
        $summary | Should -BeNullOrEmpty
        $ok | Should -BeFalse
        $mismatch.Count | Should -Be $entries.Count
        $mismatch[0].FullyQualifiedErrorId | Should -Be 'StoreMismatch,OfflineData.Commands.MeasureOfflineDataCommand'
        $mismatch[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $mismatch[0].TargetObject | Should -BeOfType 'OfflineData.Core.Store.ImportLedgerEntry, OfflineData.Core'

        # The same store named twice is no mismatch; a piped path still summarises the file, not a store.
        $own = $entries | Measure-OfflineData -Store $store | Where-Object IsTotal
        @($own).Count | Should -Be $entries.Count
        $own[0].Store | Should -Be (Resolve-Path -LiteralPath $store).ProviderPath
        $file = (Join-Path $repoRoot 'examples/valid-sample.csv') | Measure-OfflineData | Where-Object IsTotal
        $file.Source | Should -Be 'File'
        $file = Get-Item -LiteralPath (Join-Path $repoRoot 'examples/valid-sample.csv') | Measure-OfflineData | Where-Object IsTotal
        $file.Source | Should -Be 'File'
    }
}

Describe 'A folder as -Store' {
    It '<Command> -Store given a folder is a StoreUnavailable error and $? is false' -TestCases @(
        @{ Command = 'Get-OfflineData' }, @{ Command = 'Get-OfflineDataImport' }, @{ Command = 'Get-TransactionIdRecording' }
    ) {
        param($Command)
        $folder = New-Item -Path (Join-Path $TestDrive "folder-$Command") -ItemType Directory
        { & $Command -Store $folder.FullName } | Should -Throw -ErrorId "StoreUnavailable,OfflineData.Commands.$($Command -replace '-', '')Command"

        # $? as a script sees it (Pester's own try/catch would take the error before $? could be read).
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Manifest, $Command, $Folder) Import-Module $Manifest; & $Command -Store $Folder 2>$null; $?').
                AddArgument($OfflineDataManifestPath).AddArgument($Command).AddArgument($folder.FullName)
            $ps.Invoke() | Should -Be $false
        }
        finally { $ps.Dispose() }
        @(Get-ChildItem -LiteralPath $folder.FullName -Force).Count | Should -Be 0
    }
}
