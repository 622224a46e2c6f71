#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Import-OfflineData, Import-OnlineData, Set-/Get-TransactionIdRecording, Get-OfflineDataImport and Get-OfflineData
# end to end on the bundled examples, against each kind of store (TestSetup.ps1: an SQLite file under $TestDrive, and
# a fresh PostgreSQL database when OFFLINEDATA_TEST_POSTGRES is set). Every test passes -Store, so the per-user store
# is never touched.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -SkipImport
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $examples = Join-Path $repoRoot 'examples'
    $offline = Join-Path $examples 'valid-sample.csv'
    $online = Join-Path $examples 'import/online-transactions.csv'

    # A new store of the Describe's kind ($StoreKind, from -ForEach $OfflineDataStoreKinds).
    function New-Store {
        New-TestStore $StoreKind
    }

    function Initialize-OnlineSample([string] $Store) {
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store
        $null = Import-OnlineData -Path $online -ReportSuite acme.prod -Store $Store -WarningAction SilentlyContinue
    }
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Set-TransactionIdRecording and Get-TransactionIdRecording on <StoreKind>' -ForEach $OfflineDataStoreKinds {
    BeforeAll {
        $skipBecause = Get-TestStoreSkipReason $StoreKind
    }

    BeforeEach {
        if ($skipBecause) { Set-ItResult -Skipped -Because $skipBecause }
    }

    AfterAll {
        Remove-TestStores
    }

    It 'switches recording on with the default 90-day window and reads it back' {
        $store = New-Store
        $state = Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store -PassThru
        $state | Should -BeOfType 'OfflineData.Core.Store.RecordingSettings, OfflineData.Core'
        $state.Enabled | Should -BeTrue
        $state.ExpirationDays | Should -Be 90
        $state.EnabledSince | Should -Not -BeNullOrEmpty
        (Get-TransactionIdRecording -ReportSuite acme.* -Store $store).ReportSuite | Should -Be 'acme.prod'
    }

    It 'switches recording off with -Enabled:$false and keeps the window' {
        $store = New-Store
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -ExpirationDays 30 -Store $store
        $state = Set-TransactionIdRecording -ReportSuite acme.prod -Enabled:$false -Store $store -PassThru
        $state.Enabled | Should -BeFalse
        $state.ExpirationDays | Should -Be 30
    }

    It 'rejects a window of <Days> days with a parameter error' -TestCases @(@{ Days = 0 }, @{ Days = 731 }) {
        param($Days)
        { Set-TransactionIdRecording -ReportSuite acme.prod -ExpirationDays $Days -Store (New-Store) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,OfflineData.Commands.SetTransactionIdRecordingCommand'
    }

    It 'rejects a report suite ID outside the documented character set' {
        { Set-TransactionIdRecording -ReportSuite 'acme prod' -Enabled -Store (New-Store) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,OfflineData.Commands.SetTransactionIdRecordingCommand'
    }

    It 'changes nothing under -WhatIf' {
        $store = New-Store
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled:$false -Store $store
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store -WhatIf
        (Get-TransactionIdRecording acme.prod -Store $store).Enabled | Should -BeFalse
    }

    It 'creates no store under -WhatIf' {
        $store = New-Store
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store -WhatIf
        Test-TestStore $store | Should -BeFalse
    }

    It 'writes ReportSuiteNotFound for an unknown suite and creates no store' {
        $store = New-Store
        $null = Get-TransactionIdRecording -ReportSuite nosuch -Store $store -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ReportSuiteNotFound*'
        Test-TestStore $store | Should -BeFalse
    }
}

Describe 'Import-OnlineData on <StoreKind>' -ForEach $OfflineDataStoreKinds {
    BeforeAll {
        $skipBecause = Get-TestStoreSkipReason $StoreKind
    }

    BeforeEach {
        if ($skipBecause) { Set-ItResult -Skipped -Because $skipBecause }
    }

    AfterAll {
        Remove-TestStores
    }

    It 'records the example file and warns about the duplicate transaction ID' {
        $store = New-Store
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
        $result = Import-OnlineData -Path $online -ReportSuite acme.prod -Store $store -WarningVariable warnings -WarningAction SilentlyContinue
        $result.TransactionsRecorded | Should -Be 4
        $result.DuplicateTransactions | Should -Be 1
        $result.VisitorRows | Should -Be 2
        $warnings.Count | Should -Be 1
        $warnings[0] | Should -Match 'ORD-2025-000101'
    }

    It 'records Import-Csv output from the pipeline' {
        $store = New-Store
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
        $result = Import-Csv -LiteralPath $online | Import-OnlineData -ReportSuite acme.prod -Store $store -WarningAction SilentlyContinue
        $result.Source | Should -Be 'pipeline'
        $result.TransactionsRecorded | Should -Be 4
        (Get-TransactionIdRecording acme.prod -Store $store).KnownVisitors | Should -Be 6
    }

    It 'records nothing of a transaction row while recording is off' {
        $store = New-Store
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled:$false -Store $store
        $result = [pscustomobject]@{ Timestamp = '2025-02-27 19:02:11'; VisitorId = 'V1'; TransactionId = 'T1' } |
            Import-OnlineData -ReportSuite acme.prod -Store $store -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RecordingDisabled*'
        $result.Rejected | Should -Be 1
        (Get-TransactionIdRecording acme.prod -Store $store).KnownVisitors | Should -Be 0
    }
}

Describe 'Import-OfflineData on <StoreKind>' -ForEach $OfflineDataStoreKinds {
    BeforeAll {
        $skipBecause = Get-TestStoreSkipReason $StoreKind
    }

    BeforeEach {
        if ($skipBecause) { Set-ItResult -Skipped -Because $skipBecause }
    }

    AfterAll {
        Remove-TestStores
    }

    It 'imports the example and matches every row as documented' {
        $store = New-Store
        Initialize-OnlineSample $store
        $result = Import-OfflineData -Path $offline -ReportSuite acme.prod -Store $store
        $result | Should -BeOfType 'OfflineData.Core.Import.ImportResult, OfflineData.Core'
        $result.Status | Should -Be 'Imported'
        $result.Imported | Should -Be 10
        $result.MatchedByTransactionId | Should -Be 3
        $result.MatchedByCustomerId | Should -Be 3
        $result.Unattributed | Should -Be 4
        $result.Revenue | Should -Be 10090.20
        $result.DistinctCustomers | Should -Be 7
    }

    It 'is a dry run under -WhatIf: predicts the counts and writes nothing' {
        $store = New-Store
        $result = Import-OfflineData -Path $offline -ReportSuite acme.prod -Store $store -WhatIf
        $result.Status | Should -Be 'DryRun'
        $result.Imported | Should -Be 10
        $result.UnattributedByReason.Count | Should -BeGreaterThan 0
        Test-TestStore $store | Should -BeFalse
    }

    It 'quarantines rejected rows with their codes under -RejectPath' {
        $store = New-Store
        $rejects = Join-Path $TestDrive 'rejects'
        $result = Import-OfflineData -LiteralPath (Join-Path $examples 'invalid-sample.csv') -ReportSuite acme.prod -Store $store -RejectPath $rejects -WarningAction SilentlyContinue
        $result.Rejected | Should -Be 8
        $result.QuarantinePath | Should -BeLike "$rejects*"
        $quarantine = Import-Csv -LiteralPath $result.QuarantinePath -Delimiter ';'
        $quarantine.Count | Should -Be 8
        ($quarantine | Where-Object Line -EQ 7).Codes | Should -Match 'OD304 InvalidNumber'
    }

    It 'fails a header-only file (ImportFailed, a Failed ledger entry) and imports it once it has rows' {
        $store = New-Store
        $day = Join-Path $TestDrive 'header-only.csv'
        Set-Content -LiteralPath $day -Value 'Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2'
        # Its own reject folder: a server store's default is the per-user data folder, outside the test drive.
        $rejects = Join-Path $TestDrive 'rejects'
        $result = Import-OfflineData -LiteralPath $day -ReportSuite acme.prod -Store $store -RejectPath $rejects -ErrorVariable err -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'Failed'
        $result.FailureCause | Should -Be 'NoImportableRows'
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ImportFailed*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        (Get-OfflineDataImport -Store $store -Status Failed).FileName | Should -Be 'header-only.csv'
        Get-Content -LiteralPath $offline | Add-Content -LiteralPath $day
        (Import-OfflineData -LiteralPath $day -ReportSuite acme.prod -Store $store -RejectPath $rejects -WarningAction SilentlyContinue).Status | Should -Be 'Imported'
    }

    It 'skips the same content with a warning, and -Force replaces the earlier import' {
        $store = New-Store
        $null = Import-OfflineData -Path $offline -ReportSuite acme.prod -Store $store
        (Import-OfflineData -Path $offline -ReportSuite acme.prod -Store $store -WarningAction SilentlyContinue).Status | Should -Be 'Skipped'
        (Import-OfflineData -Path $offline -ReportSuite acme.prod -Store $store -Force).Status | Should -Be 'Imported'
        @(Get-OfflineData -Store $store).Count | Should -Be 10
        (Get-OfflineDataImport -Store $store).Status | Should -Be @('Completed', 'Superseded')
    }

    It 'binds Get-ChildItem output and reports a missing path without stopping' {
        $store = New-Store
        $results = @(Get-ChildItem -LiteralPath $offline), 'no-such-file.csv' |
            ForEach-Object { $_ } | Import-OfflineData -ReportSuite acme.prod -Store $store -ErrorVariable err -ErrorAction SilentlyContinue
        @($results).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound*'
    }

    It 'fails a file with a wrong header as a whole with ImportFailed' {
        $store = New-Store
        $bad = New-TestFile 'bad-header.csv' 'Time Stamp;Customer;Event Type;Category;Event Name;Num1;Num2', '2025-03-01 09:14:05;C1;7;;SKU;1;1'
        $result = Import-OfflineData -Path $bad -ReportSuite acme.prod -Store $store -ErrorVariable err -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'Failed'
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ImportFailed*'
        $err[0].TargetObject | Should -Be $bad
        @(Get-OfflineData -Store $store).Count | Should -Be 0
    }

    It 'streams per-row match results with -PassThru' {
        $store = New-Store
        Initialize-OnlineSample $store
        $rows = Import-OfflineData -Path $offline -ReportSuite acme.prod -Store $store -PassThru
        $rows.Count | Should -Be 10
        ($rows | Where-Object TransactionId -EQ 'ORD-2025-000101').CreditedVisitorId | Should -Be @('V-7f3a', 'V-7f3a')
    }
}

Describe 'Get-OfflineDataImport and Get-OfflineData on <StoreKind>' -ForEach $OfflineDataStoreKinds {
    BeforeAll {
        $skipBecause = Get-TestStoreSkipReason $StoreKind
    }

    BeforeEach {
        if ($skipBecause) { Set-ItResult -Skipped -Because $skipBecause }
    }

    AfterAll {
        Remove-TestStores
    }

    It 'reads rows back newest first with outcome, reason and credited visitor' {
        $store = New-Store
        Initialize-OnlineSample $store
        $null = Import-OfflineData -Path $offline -ReportSuite acme.prod -Store $store
        $newest = Get-OfflineData -Store $store -First 1
        $newest.CustomerId | Should -Be 'CUST-10003'
        $newest.Outcome | Should -Be 'CustomerId'
        (Get-OfflineData -Store $store -Reason TransactionExpired).TransactionId | Should -Be 'ORD-2025-000103'
        (Get-OfflineDataImport -Store $store | Get-OfflineData -Store $store).Count | Should -Be 10
    }

    It 'says an import ID that names no ledger entry is not found, instead of returning nothing' {
        $store = New-Store
        Initialize-OnlineSample $store
        $null = Import-OfflineData -Path $offline -ReportSuite acme.prod -Store $store
        (Get-OfflineDataImport -Store $store -Id 1).Id | Should -Be 1

        $found = Get-OfflineDataImport -Store $store -Id 999 -ErrorVariable notFound -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $notFound | Should -HaveCount 1
        $notFound[0].FullyQualifiedErrorId | Should -BeLike 'ImportNotFound,*'
        $notFound[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $notFound[0].TargetObject | Should -Be 999
        { Get-OfflineDataImport -Store $store -Id 999 -ErrorAction Stop } | Should -Throw -ErrorId 'ImportNotFound,*'
    }
}

Describe 'Import-OfflineData quarantine beside SQLite store files' {
    It 'never lets two stores in one folder share or overwrite a quarantine file' {
        $folder = Join-Path $TestDrive ('two-stores-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path (Join-Path $folder 'a'), (Join-Path $folder 'b')
        $invalid = Join-Path $examples 'invalid-sample.csv'
        Copy-Item -LiteralPath $invalid -Destination (Join-Path $folder 'a/day.csv')
        (Get-Content -LiteralPath $invalid) + '2025-03-01 23:59:59;CUST-B;7;;SKU;1;1' | Set-Content -LiteralPath (Join-Path $folder 'b/day.csv')
        $q1 = Import-OfflineData -LiteralPath (Join-Path $folder 'a/day.csv') -ReportSuite acme.prod -Store (Join-Path $folder 'q1.db') -WarningAction SilentlyContinue
        $q2 = Import-OfflineData -LiteralPath (Join-Path $folder 'b/day.csv') -ReportSuite acme.prod -Store (Join-Path $folder 'q2.db') -WarningAction SilentlyContinue
        $q1.ImportId | Should -Be $q2.ImportId
        $q1.QuarantinePath | Should -Not -Be $q2.QuarantinePath
        @(Get-ChildItem -LiteralPath (Join-Path $folder 'quarantine') -Filter '*.rejected.csv').Count | Should -Be 2
        @(Import-Csv -LiteralPath $q1.QuarantinePath -Delimiter ';').Count | Should -Be 8
    }
}
