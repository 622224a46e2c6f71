#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Every output type of every cmdlet, produced for real, into what PowerShell users pipe results into:
# ConvertTo-Json | ConvertFrom-Json keeps the data (names, not numbers, for codes and statuses), Export-Csv writes
# meaningful cells (never a type name), and the table views show whole values at 150 columns.

BeforeDiscovery {
    $outputCases = @(
        'ValidationReport', 'QuietResult', 'OfflineDataRecord', 'ConversionResult',
        'ConvertPassThru', 'WritePassThru', 'RecordingSettings', 'OnlineImportResult', 'ImportResultWhatIf',
        'ImportResult', 'ImportResultPassThruRow', 'ImportLedgerEntry', 'StoredOfflineRow', 'DeliveryLedgerEntry', 'OfflineDataSummaryRow',
        'SchemaCheckResult'
    ) | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $examples = (Resolve-Path (Join-Path $PSScriptRoot '..' '..' 'examples')).ProviderPath
    $suite = 'acmecorporation.production.emea'
    $store = Join-Path $TestDrive 'outputs.db'

    # Names longer than the old fixed column widths (28 for files, 16 and 24 for report suites).
    $offline = Join-Path $TestDrive 'valid-sample-from-the-city-store-2025-03-01.csv'
    Copy-Item -LiteralPath (Join-Path $examples 'valid-sample.csv') -Destination $offline
    $till = Join-Path $TestDrive 'till-export-from-the-city-store.csv'
    Copy-Item -LiteralPath (Join-Path $examples 'till-export-sv.csv') -Destination $till
    $tillArguments = @{
        Encoding        = 'windows-1252'
        Culture         = 'sv-SE'
        TimestampFormat = 'yyyy-MM-dd HH:mm'
        SourceTimeZone  = 'Europe/Stockholm'
        ColumnMap       = @{ Timestamp = 'Datum'; CustomerId = 'Kundnummer'; EventName = 'Artikelnummer'; Category = 'Kategori'; Num1 = 'Antal'; Num2 = 'Belopp'; Var1 = 'Stad'; Var2 = 'Butik'; TransactionAttributes = @('Kvittonummer') }
        Constant        = @{ EventType = 7 }
        WarningAction   = 'SilentlyContinue'
    }

    $outputs = @{}
    $outputs.ValidationReport = Test-OfflineDataFile (Join-Path $examples 'invalid-sample.csv') -WarningAction SilentlyContinue
    $outputs.QuietResult = Test-OfflineDataFile $offline -Quiet
    $outputs.OfflineDataRecord = Read-OfflineDataFile $offline | Select-Object -Index 1
    $outputs.ConversionResult = Convert-OfflineDataFile -Path $till -Destination (Join-Path $TestDrive 'converted-offline-data-of-the-city-store.csv') @tillArguments
    $outputs.ConvertPassThru = Convert-OfflineDataFile -Path $till -Destination (Join-Path $TestDrive 'passthru.csv') @tillArguments -PassThru
    $outputs.WritePassThru = Read-OfflineDataFile $offline | Write-OfflineDataFile (Join-Path $TestDrive 'written.csv') -PassThru
    $outputs.RecordingSettings = Set-TransactionIdRecording -ReportSuite $suite -Enabled -Store $store -PassThru
    $outputs.OnlineImportResult = Import-OnlineData -Path (Join-Path $examples 'import/online-transactions.csv') -ReportSuite $suite -Store $store -WarningAction SilentlyContinue
    $outputs.ImportResultWhatIf = Import-OfflineData -Path $offline -ReportSuite $suite -Store $store -WhatIf
    $outputs.ImportResult = Import-OfflineData -Path $offline -ReportSuite $suite -Store $store
    $outputs.ImportResultPassThruRow = Import-OfflineData -Path $offline -ReportSuite $suite -Store $store -Force -PassThru | Select-Object -First 1
    $outputs.ImportLedgerEntry = Get-OfflineDataImport -Store $store | Select-Object -Last 1
    # A transaction-matched row: it has a state, an online time and a credited visitor.
    $outputs.StoredOfflineRow = Get-OfflineData -Store $store | Where-Object Outcome -EQ 'TransactionId' | Select-Object -First 1
    # As Send-OfflineDataFile records a sent file (with its marker), read back through the cmdlet.
    $null = Add-TestDelivery -Store $store -Destination 'sftp://od@files.example.com/in' -FileName 'till-export-2025-03-01.csv' -RemoteName 'till_20250301_0001.txt' -MarkerName 'till_20250301_0001.fin' -Attempts 2
    $outputs.DeliveryLedgerEntry = Get-OfflineDataDelivery -Store $store -First 1
    # A Missing attribute, so its suggestion is filled in.
    $outputs.SchemaCheckResult = Test-OfflineDataSchema -SchemaPath (Join-Path $examples 'xdm-schema.json') -Path (Join-Path $examples 'loyalty-orders.csv') -ErrorAction SilentlyContinue | Select-Object -Last 1
    $outputs.OfflineDataSummaryRow = Measure-OfflineData -Store $store -GroupBy Day, State.Campaign | Where-Object StateValue | Select-Object -First 1

    # Compares a value with what came back from JSON, recursively: names for enums, the same text for scalars,
    # every key and item of dictionaries and lists, every property of objects.
    function Assert-SameAfterJson($Original, $Back, [string] $Where, [int] $Depth) {
        if ($null -eq $Original) { $Back | Should -BeNullOrEmpty -Because $Where; return }
        $Original = if ($Original -is [psobject]) { $Original.psobject.BaseObject } else { $Original }
        if ($Original -is [enum]) { $Back | Should -BeExactly $Original.ToString() -Because "$Where is an enum and must be its name"; return }
        if ($Original -is [string] -or $Original -is [bool] -or $Original -is [char]) { "$Back" | Should -BeExactly "$Original" -Because $Where; return }
        if ($Original -is [datetime]) { ([datetime]$Back).ToUniversalTime() | Should -Be $Original.ToUniversalTime() -Because $Where; return }
        # Ledger and recording times: ConvertFrom-Json reads the ISO text with its offset back as a DateTime.
        if ($Original -is [DateTimeOffset]) { ([DateTimeOffset]$Back).UtcDateTime | Should -Be $Original.UtcDateTime -Because $Where; return }
        if ($Original -is [timespan]) { $Back.Ticks | Should -Be $Original.Ticks -Because $Where; return }
        if ($Original -is [ValueType]) { [decimal]$Back | Should -Be ([decimal]$Original) -Because $Where; return }
        if ($Depth -le 0) { return }
        if ($Original -is [Collections.IDictionary]) {
            foreach ($key in $Original.Keys) {
                $Back.psobject.Properties.Name | Should -Contain ([string]$key) -Because "$Where has key $key"
                Assert-SameAfterJson $Original[$key] $Back.$key "$Where[$key]" ($Depth - 1)
            }
            return
        }
        if ($Original -is [Collections.IEnumerable]) {
            $items = @($Original)
            $backItems = @($Back)
            $backItems.Count | Should -Be $items.Count -Because "$Where keeps every item"
            for ($i = 0; $i -lt $items.Count; $i++) { Assert-SameAfterJson $items[$i] $backItems[$i] "$Where[$i]" ($Depth - 1) }
            return
        }
        foreach ($property in $Original.psobject.Properties) {
            $Back.psobject.Properties.Name | Should -Contain $property.Name -Because "$Where.$($property.Name) must be kept"
            Assert-SameAfterJson $property.Value $Back.($property.Name) "$Where.$($property.Name)" ($Depth - 1)
        }
    }
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Output of <Name>' -ForEach $outputCases {
    BeforeAll {
        $output = $outputs[$Name]
    }

    It 'was produced' {
        $output | Should -Not -BeNullOrEmpty
    }

    It 'converts to JSON and back keeping the data, with names for codes and statuses' {
        if ($output -is [IO.FileInfo]) {
            # A provider item: its own graph is the file system's; what matters is that it converts and says which file.
            $back = $output | ConvertTo-Json -WarningAction SilentlyContinue | ConvertFrom-Json
            $back.FullName | Should -Be $output.FullName
            $back.Length | Should -Be $output.Length
            return
        }
        $json = $output | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue
        $back = $json | ConvertFrom-Json
        Assert-SameAfterJson $output $back $Name 5
        $json | Should -Not -Match '"(Code|Severity|Status|Outcome|Reason|TransactionReason|Format|Container)":\s*\d'
    }

    It 'exports to CSV with a meaningful value in every cell' {
        $path = Join-Path $TestDrive "$Name.csv"
        $output | Export-Csv -LiteralPath $path -NoTypeInformation
        $row = Import-Csv -LiteralPath $path
        foreach ($property in $output.psobject.Properties) {
            $cell = $row.($property.Name)
            $cell | Should -Not -Match '^(System|OfflineData|Microsoft)\.[\w.`\[\], =]+$' -Because "$($property.Name) must not be written as its type name"
            if ($property.Value -is [enum]) { $cell | Should -BeExactly $property.Value.ToString() }
        }
    }
}

Describe 'Names, not numbers' {
    It 'gives codes, severities, statuses and outcomes as names that compare with strings and enums' {
        $finding = $outputs.ValidationReport.Findings[0]
        $finding.Code | Should -BeOfType [string]
        $finding.Code -eq [OfflineData.Core.Findings.FindingCode, OfflineData.Core]$finding.Code | Should -BeTrue
        $finding.Severity | Should -BeIn 'Error', 'Warning'
        $outputs.ImportResult.Status | Should -BeExactly 'Imported'
        $outputs.ImportLedgerEntry.Status | Should -BeIn 'Completed', 'Superseded'
        $outputs.DeliveryLedgerEntry.Status | Should -BeExactly 'Sent'
        $outputs.StoredOfflineRow.Outcome | Should -BeExactly 'TransactionId'
        $outputs.ConversionResult.Container | Should -BeExactly 'Plain'
        $outputs.ValidationReport.Format | Should -BeExactly 'Plain'
    }

    It 'keys per-reason counts by name, readable by name and by enum' {
        $counts = $outputs.ConversionResult.RejectReasons
        $counts.Keys | Should -Contain 'InvalidNumber'
        $counts.InvalidNumber | Should -Be 1
        $counts[[OfflineData.Core.Conversion.ConversionRejectReason, OfflineData.Core]::InvalidNumber] | Should -Be 1
        ($outputs.ImportResult.UnattributedByReason | ConvertTo-Json -Compress) | Should -Match '^\{"\w+":\d+'
    }
}

Describe 'Table views at 150 columns' {
    It 'shows whole <Name> values' -ForEach @(
        @{ Name = 'ConversionResult'; Expected = 'till-export-from-the-city-store.csv', 'converted-offline-data-of-the-city-store.csv' }
        @{ Name = 'ImportResult'; Expected = 'valid-sample-from-the-city-store-2025-03-01.csv' }
        @{ Name = 'ImportLedgerEntry'; Expected = 'acmecorporation.production.emea', 'valid-sample-from-the-city-store-2025-03-01.csv' }
        @{ Name = 'RecordingSettings'; Expected = 'acmecorporation.production.emea' }
        @{ Name = 'OnlineImportResult'; Expected = 'acmecorporation.production.emea', 'online-transactions.csv' }
        @{ Name = 'StoredOfflineRow'; Expected = 'ORD-2025-000101' }
        # RemoteName and Destination are in the list view since issue 12 (the file name stays whole at 80 columns).
        @{ Name = 'DeliveryLedgerEntry'; Expected = 'till-export-2025-03-01.csv', 'SuppressedRows' }
    ) {
        $text = $outputs[$Name] | Format-Table | Out-String -Width 150
        foreach ($value in $Expected) { $text | Should -Match ([regex]::Escape($value)) }
        $text | Should -Not -Match '…|\.\.\.'
    }

    It 'shows whole file names of several reports' {
        $long = Join-Path $TestDrive 'a-rather-long-file-name-for-a-validation-report-2025-03-01.csv'
        Copy-Item -LiteralPath $offline -Destination $long
        $text = Test-OfflineDataFile $offline, $long | Out-String -Width 150
        $text | Should -Match 'a-rather-long-file-name-for-a-validation-report-2025-03-01\.csv'
        $text | Should -Not -Match '…'
    }

    It 'returns -PassThru files as provider items, with Mode and Length in their view' {
        foreach ($file in $outputs.ConvertPassThru, $outputs.WritePassThru) {
            $file | Should -BeOfType ([IO.FileInfo])
            $file.PSPath | Should -Match '^Microsoft\.PowerShell\.Core\\FileSystem::'
            $file.PSProvider.Name | Should -Be 'FileSystem'
            $file.Mode | Should -Not -BeNullOrEmpty
            ($file | Out-String -Width 150) | Should -Match ([regex]::Escape($file.Name))
        }
    }
}
