#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Copy-OfflineDataStore in a real pwsh, as a user moving a store: SQLite to SQLite end to end, -WhatIf, a refused
# destination, a stopped copy resumed, and the result object in ConvertTo-Json and Export-Csv. The default store is a
# decoy under $TestDrive, so nothing touches the user's own store.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $offline = Join-Path $repoRoot 'examples/valid-sample.csv'
    $online = Join-Path $repoRoot 'examples/import/online-transactions.csv'
    $savedStore = $env:OFFLINEDATA_STORE
    $env:OFFLINEDATA_STORE = Join-Path $TestDrive 'decoy.db'

    function New-Store { Join-Path $TestDrive ('store-{0}.db' -f [guid]::NewGuid().ToString('N')) }

    # A store with recording on, online transactions, the sample imported and imported again with -Force, and two
    # deliveries (one sent, one killed while it ran).
    function New-PopulatedStore {
        $store = New-Store
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
        $null = Import-OnlineData -Path $online -ReportSuite acme.prod -Store $store -WarningAction SilentlyContinue
        $null = Import-OfflineData -Path $offline -ReportSuite acme.prod -Store $store
        $null = Import-OfflineData -Path $offline -ReportSuite acme.prod -Store $store -Force
        $null = Add-TestDelivery -Store $store -FileName 'valid-sample.csv' -MarkerName 'valid-sample.fin' -StartedAt '2025-03-02T01:00:00Z'
        $null = Add-TestDelivery -Store $store -FileName 'valid-sample.csv' -Destination '/mnt/drop' -StartedAt '2025-03-02T01:05:00Z' -Status Started
        $store
    }

    # Everything a user reads back from a store, as JSON, without the store's own path.
    function Get-History([string] $Store) {
        @{
            Imports  = @(Get-OfflineDataImport -Store $Store | Select-Object * -Exclude Store)
            Rows     = @(Get-OfflineData -Store $Store | Select-Object * -Exclude Store, Record, Match)
            Settings = @(Get-TransactionIdRecording -Store $Store | Select-Object * -Exclude Store)
            Deliveries = @(Get-OfflineDataDelivery -Store $Store | Select-Object * -Exclude Store)
        } | ConvertTo-Json -Depth 5
    }
}

AfterAll {
    $env:OFFLINEDATA_STORE = $savedStore
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Copy-OfflineDataStore' {
    It 'copies every row of history; the copy reads back the same' {
        $source = New-PopulatedStore
        $destination = New-Store

        $result = Copy-OfflineDataStore -Source $source -Destination $destination

        $result.Status | Should -Be 'Completed'
        $result.OfflineRows.Copied | Should -Be 10 # the first import's rows were replaced by the forced one's
        $result.Imports.SourceCount | Should -Be 2
        $result.Deliveries.Copied | Should -Be 2
        (Get-OfflineDataDelivery -Store $destination -Status Started).Destination | Should -Be '/mnt/drop'
        (Get-OfflineDataImport -Store $destination -Status Superseded).Id | Should -Be 1
        Get-History $destination | Should -BeExactly (Get-History $source)
        Test-Path -LiteralPath $env:OFFLINEDATA_STORE | Should -BeFalse
    }

    It 'continues the IDs after the copied ones' {
        $source = New-PopulatedStore
        $destination = New-Store
        $null = Copy-OfflineDataStore $source $destination
        $file = New-TestFile 'next.csv' '2025-03-02 10:00:00;NEXT-1;7;;SKU;1;5.00'

        $next = Import-OfflineData -Path $file -ReportSuite acme.prod -Store $destination

        $next.ImportId | Should -Be 3
        (Get-OfflineData -Store $destination -ImportId 3).Id | Should -BeGreaterThan 20
    }

    It '-WhatIf creates nothing and returns nothing' {
        $source = New-PopulatedStore
        $destination = New-Store

        $result = Copy-OfflineDataStore -Source $source -Destination $destination -WhatIf

        $result | Should -BeNullOrEmpty
        Test-Path -LiteralPath $destination | Should -BeFalse
    }

    It 'refuses a destination with content, and -Force keeps what it has' {
        $source = New-PopulatedStore
        $destination = New-Store
        Set-TransactionIdRecording -ReportSuite acme.prod -ExpirationDays 400 -Store $destination

        Copy-OfflineDataStore -Source $source -Destination $destination -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'DestinationNotEmpty,*'
        $refused[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-OfflineDataImport -Store $destination | Should -BeNullOrEmpty

        $forced = Copy-OfflineDataStore -Source $source -Destination $destination -Force
        $forced.Mode | Should -Be 'Merged'
        $forced.ReportSuites.Skipped | Should -Be 1
        (Get-TransactionIdRecording acme.prod -Store $destination).ExpirationDays | Should -Be 400
        @(Get-OfflineData -Store $destination).Count | Should -Be 10
    }

    It 'resumes a stopped copy without -Force and ends with the same history' {
        $source = New-PopulatedStore
        $destination = New-Store
        # A copy stopped after the ledger and half of the rows (IDs 11-15 of 11-20), as a run killed mid-rows leaves it:
        # the marker names the last row batch committed.
        $null = Copy-OfflineDataStore $source $destination
        $sqlite = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([OfflineData.Core.Store.Sqlite.NativeSqliteLoader, OfflineData.Core].Assembly).
            LoadFromAssemblyName([System.Reflection.AssemblyName]::new('Microsoft.Data.Sqlite')).GetType('Microsoft.Data.Sqlite.SqliteConnection', $true)
        $connection = $sqlite::new("Data Source=$destination;Pooling=False")
        $connection.Open()
        $command = $connection.CreateCommand()
        $command.CommandText = "DELETE FROM offline_row WHERE id > 15; UPDATE store_copy_position SET after_id = 15 WHERE content = 'OfflineRows'; UPDATE store_copy SET completed_at = NULL;"
        $null = $command.ExecuteNonQuery()
        $connection.Dispose()

        $resumed = Copy-OfflineDataStore $source $destination

        $resumed.Mode | Should -Be 'Resumed'
        $resumed.Status | Should -Be 'Completed'
        $resumed.OfflineRows.Skipped | Should -Be 0
        $resumed.OfflineRows.Copied | Should -Be 5
        $resumed.OfflineRows.DestinationCount | Should -Be 10
        Get-History $destination | Should -BeExactly (Get-History $source)
    }

    It 'returns one result that converts to JSON and exports to CSV readably' {
        $source = New-PopulatedStore
        $result = Copy-OfflineDataStore $source (New-Store)

        $json = $result | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        $json.Status | Should -Be 'Completed'
        $json.OfflineRows.Verified | Should -BeTrue
        $json.Revenue | Should -Be $result.Revenue

        $csvPath = Join-Path $TestDrive 'copy.csv'
        $result | Export-Csv -LiteralPath $csvPath
        $row = Import-Csv -LiteralPath $csvPath
        $row.Status | Should -Be 'Completed'
        $row.OfflineRows | Should -Be '10 of 10 copied, 0 skipped, 10 in destination, verified'
        (Get-Content -Raw -LiteralPath $csvPath) | Should -Not -Match 'System\.Collections'
        $row | Get-Member -MemberType NoteProperty | Where-Object { $row.($_.Name) -like 'OfflineData.Core.*' } | Should -BeNullOrEmpty
    }

    It 'is typed as it says' {
        (Get-Command Copy-OfflineDataStore).OutputType.Type.FullName | Should -Be 'OfflineData.Core.Store.Transfer.StoreCopyResult'
    }
}
