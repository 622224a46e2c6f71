#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# How store objects look to a pwsh user (issue 7 review, store items 3 and 6): bookkeeping times never appear without
# their zone, and every label of the store views is a property name one can filter on with Where-Object.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $sample = Join-Path $repoRoot 'examples/valid-sample.csv'
    $exeName = if ($PSVersionTable.PSEdition -eq 'Core') { 'pwsh' } else { 'powershell' }
    if ($PSVersionTable.PSEdition -ne 'Core' -or $IsWindows) { $exeName += '.exe' }
    $powershellPath = Join-Path $PSHOME $exeName
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

# TZ sets the zone of a child process on Linux and macOS only (not on Windows, nor in Windows PowerShell).
Describe 'Ledger and recording times in a time zone other than UTC' -Skip:(-not ($IsLinux -or $IsMacOS)) {
    BeforeAll {
        $store = Join-Path $TestDrive 'times.db'
        $csv = Join-Path $TestDrive 'ledger.csv'
        # A child pwsh in Tokyo (UTC+9, no daylight saving): local and UTC differ by nine hours all year.
        $script = @'
param($Manifest, $Store, $File, $Csv)
Import-Module $Manifest
Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store
$null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
$entry = Get-OfflineDataImport -Store $Store
'TABLE:' + ($entry | Format-Table | Out-String -Width 250)
'LIST:' + ($entry | Format-List StartedAt, EndedAt | Out-String -Width 250)
'RECORDING:' + (Get-TransactionIdRecording -Store $Store | Format-List EnabledSince, UpdatedAt | Out-String -Width 250)
'RECTABLE:' + (Get-TransactionIdRecording -Store $Store | Format-Table | Out-String -Width 250)
$entry | Export-Csv -LiteralPath $Csv -NoTypeInformation
'JSON:' + ($entry | ConvertTo-Json -Depth 3)
'@
        $scriptFile = Join-Path $TestDrive 'times.ps1'
        Set-Content -LiteralPath $scriptFile -Value $script
        $savedTz = $env:TZ
        $env:TZ = 'Asia/Tokyo'
        try {
            $output = (& $powershellPath -NoProfile -NonInteractive -File "$scriptFile" "$OfflineDataManifestPath" "$store" "$sample" "$csv" 2>&1) -join "`n"
        }
        finally {
            $env:TZ = $savedTz
        }
        $sections = @{}
        foreach ($part in ($output -split '(?m)^(?=TABLE:|LIST:|RECORDING:|RECTABLE:|JSON:)')) {
            if ($part -match '^(\w+):') { $sections[$Matches[1]] = $part }
        }
    }

    It 'Format-List shows StartedAt and EndedAt with their +00:00 offset' {
        $sections.LIST | Should -Match 'StartedAt\s*:\s*\S.*\+00:00' -Because $output
        $sections.LIST | Should -Match 'EndedAt\s*:\s*\S.*\+00:00'
    }

    It 'the table shows the local time (to the minute) with its +09:00 offset' {
        $sections.TABLE | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\d \+09:00' -Because $output
        $sections.RECTABLE | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\d \+09:00'
    }

    It 'recording settings show EnabledSince and UpdatedAt with their offset' {
        $sections.RECORDING | Should -Match 'EnabledSince\s*:\s*\S.*\+00:00' -Because $output
        $sections.RECORDING | Should -Match 'UpdatedAt\s*:\s*\S.*\+00:00'
    }

    It 'Export-Csv writes StartedAt with its offset, and it reads back as the same instant' {
        $row = Import-Csv -LiteralPath $csv
        $row.StartedAt | Should -Match '\+00:00$'
        $entry = Get-OfflineDataImport -Store $store
        ([DateTimeOffset]::Parse($row.StartedAt, [Globalization.CultureInfo]::InvariantCulture).UtcDateTime - $entry.StartedAt.UtcDateTime).Duration().TotalSeconds | Should -BeLessThan 1
    }

    It 'ConvertTo-Json writes StartedAt with its zone' {
        $sections.JSON | Should -Match '"StartedAt":\s*"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)"' -Because $sections.JSON
    }
}

Describe 'Views label their columns with property names' {
    # Validation and Conversion too: a column headed Errors or Read over ErrorCount or RowsRead made
    # Test-OfflineDataFile *.csv | Where-Object Errors -gt 0 match nothing, silently.
    It 'every label and property of <_> names a property of its type, so Where-Object on a column name filters' -ForEach @('Store.Format.ps1xml', 'Validation.Format.ps1xml', 'Conversion.Format.ps1xml') {
        $file = Get-ChildItem -LiteralPath $OfflineDataModuleDirectory -Recurse -Filter $_ | Select-Object -First 1
        $file | Should -Not -BeNullOrEmpty
        [xml] $xml = Get-Content -LiteralPath $file.FullName -Raw
        $problems = foreach ($view in $xml.Configuration.ViewDefinitions.View) {
            # Named with its assembly: on PowerShell 7 the core is in the module's own load context, which a bare
            # type name does not search (README, "Module layout and assembly conflicts").
            $type = "$($view.ViewSelectedBy.TypeName), OfflineData.Core" -as [type]
            if (-not $type) { "$($view.Name): type $($view.ViewSelectedBy.TypeName) not found"; continue }
            $names = @($view.SelectNodes('.//Label') | ForEach-Object InnerText) + @($view.SelectNodes('.//PropertyName') | ForEach-Object InnerText)
            foreach ($name in $names) {
                if (-not $type.GetProperty($name)) { "$($view.Name): '$name' is not a property of $($type.Name)" }
            }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'a stored row can be filtered on every column of its views: CreditedVisitorId, TransactionReason, OnlineTimestamp' {
        $store = Join-Path $TestDrive 'labels.db'
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
        $null = Import-OnlineData -Path (Join-Path $repoRoot 'examples/import/online-transactions.csv') -ReportSuite acme.prod -Store $store -WarningAction SilentlyContinue
        $null = Import-OfflineData -Path $sample -ReportSuite acme.prod -Store $store
        $rows = Get-OfflineData -Store $store
        @($rows | Where-Object CreditedVisitorId).Count | Should -BeGreaterThan 0
        @($rows | Where-Object TransactionReason -eq 'TransactionExpired').Count | Should -BeGreaterThan 0
        @($rows | Where-Object OnlineTimestamp).Count | Should -Be @($rows | Where-Object { $_.Match.OnlineTimestamp }).Count
        ($rows[0] | Format-List | Out-String) | Should -Match 'TransactionReason\s*:'
    }
}

Describe 'Stored rows piped back into Get-OfflineData' {
    It 'select themselves, also as their Export-Csv/Import-Csv and ConvertTo-Json copies, with empty transaction IDs' {
        $store = Join-Path $TestDrive 'rows.db'
        $null = Import-OfflineData -Path $sample -ReportSuite acme.prod -Store $store
        $rows = @(Get-OfflineData -Store $store -First 3)
        @($rows | Where-Object { -not $_.TransactionId }).Count | Should -BeGreaterThan 0
        ($rows | Get-OfflineData).Id | Should -Be $rows.Id
        $csv = Join-Path $TestDrive 'rows.csv'
        $rows | Export-Csv -LiteralPath $csv -NoTypeInformation
        (Import-Csv -LiteralPath $csv | Get-OfflineData).Id | Should -Be $rows.Id
        ($rows | ConvertTo-Json -Depth 4 | ConvertFrom-Json | Get-OfflineData).Id | Should -Be $rows.Id
    }
}

Describe 'The consent table' {
    It 'shows an e-mail address as customer ID whole at 120 columns (was cut at a fixed 18), and fits 80' {
        $store = New-TestStore 'SQLite'
        $email = 'john.smith+newsletter@example.com'
        $null = $email | Import-OfflineDataConsent -Store $store
        $wide = @(Get-OfflineDataConsent -Store $store | Format-Table | Out-String -Width 120 -Stream | Where-Object { $_.Trim() })
        $wide[-1] | Should -Match ([regex]::Escape($email) + '\s')
        $narrow = @(Get-OfflineDataConsent -Store $store | Format-Table | Out-String -Width 80 -Stream | Where-Object { $_.Trim() })
        $narrow | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because $_ }
        -split $narrow[0] | Should -Be 'Time', 'CustomerId', 'Scope', 'Value', 'Source'
    }
}
