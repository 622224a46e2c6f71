#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Measure-OfflineData as a pwsh user meets it (issue 11, reconciliation): a file before import and the store after it
# in one shape with equal checksums, on both stores; pipeline binding (paths, Get-ChildItem, ledger entries, import
# results); flat objects for Export-Csv and ConvertTo-Json; the error ids of a wrong -GroupBy.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -SkipImport
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $sample = Join-Path $repoRoot 'examples/valid-sample.csv'
    $online = Join-Path $repoRoot 'examples/import/online-transactions.csv'
}

AfterAll {
    Remove-TestStores
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Measure-OfflineData on a <StoreKind> store' -ForEach $OfflineDataStoreKinds {
    BeforeAll {
        $skip = Get-TestStoreSkipReason $StoreKind
        if (-not $skip) {
            $store = New-TestStore $StoreKind
            Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
            $null = Import-OnlineData -Path $online -ReportSuite acme.prod -Store $store -WarningAction SilentlyContinue
            $result = Import-OfflineData -Path $sample -ReportSuite acme.prod -Store $store
        }
    }

    It 'gives the file before import and its import in the store the same checksum, per day and in total' {
        if ($skip) { Set-ItResult -Skipped -Because $skip; return }
        $file = @(Measure-OfflineData -LiteralPath $sample -GroupBy Day)
        $stored = @($result | Measure-OfflineData -GroupBy Day)
        $file[-1].IsTotal | Should -BeTrue
        $file[-1].Checksum | Should -Be $stored[-1].Checksum
        $stored[-1].Rows | Should -Be 10
        $stored[-1].Num2 | Should -Be 10090.20
        $stored[-1].Rejected | Should -Be 0
        $file[-1].CreditedVisitors | Should -BeNullOrEmpty
        $stored[-1].Source | Should -Be 'Store'
    }

    It 'shows SuppressedRows in the default table at 80 columns: empty for the file, the opted-out rows for the store' {
        if ($skip) { Set-ItResult -Skipped -Because $skip; return }
        # CUST-10001 has two rows in the sample; a file is never matched against the consent list (null, as CreditedVisitors).
        $null = 'CUST-10001' | Import-OfflineDataConsent -Store $store
        $file = @(Measure-OfflineData -LiteralPath $sample)
        $stored = @($result | Measure-OfflineData)
        $file[-1].SuppressedRows | Should -BeNullOrEmpty
        $file[-1].SuppressedRevenue | Should -BeNullOrEmpty
        $stored[-1].SuppressedRows | Should -Be 2
        $stored[-1].Checksum | Should -Be $file[-1].Checksum

        foreach ($rows in $file, $stored) {
            $lines = @($rows | Format-Table | Out-String -Width 80 -Stream | Where-Object { $_.Trim() })
            $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 -Because $_ }
            $at = [array]::FindIndex([string[]] $lines, [Predicate[string]] { param($l) $l -match '^Key\s' })
            -split $lines[$at] | Should -Be 'Key', 'Rows', 'Num2', 'DistinctCustomers', 'SuppressedRows', 'Rejected'
            # The dashes and the one totals row follow: no column broken into fragments on more lines.
            $lines.Count - $at | Should -Be 3
        }
        ($stored | Format-Table | Out-String -Width 80 -Stream) -match '^Total\s' | Should -Match '^Total\s+10\s+10090\.20\s+7\s+2\s+0$'
        ($file | Format-Table | Out-String -Width 80 -Stream) -match '^Total\s' | Should -Match '^Total\s+10\s+10090\.20\s+7\s+0$'
    }

    It 'reports the revenue credited through transaction integration per campaign, counting visitors' {
        if ($skip) { Set-ItResult -Skipped -Because $skip; return }
        # The sample's three transaction matches carry Campaign spring-sale (examples/import/online-transactions.csv).
        $spring = Measure-OfflineData -Store $store -GroupBy State.Campaign | Where-Object StateValue -eq 'spring-sale'
        $spring.TransactionRows | Should -Be 3
        $spring.TransactionRevenue | Should -Be 2398.50
        $spring.TransactionVisitors | Should -Be 2
        $spring.PSObject.Properties.Name | Should -Not -Contain 'Visits'
    }

    It 'binds ledger entries by Id and Store' {
        if ($skip) { Set-ItResult -Skipped -Because $skip; return }
        $rows = @(Get-OfflineDataImport -Store $store | Measure-OfflineData -GroupBy Outcome)
        ($rows | Where-Object { -not $_.IsTotal }).Outcome | Should -Be @('CustomerId', 'TransactionId', 'Unattributed')
        $rows[-1].ImportId | Should -BeNullOrEmpty
        ($rows | Where-Object Outcome -eq 'Unattributed').Rows | Should -Be 4
    }
}

Describe 'Measure-OfflineData in the pipeline' {
    It 'binds path strings to -Path and Get-ChildItem output to -LiteralPath, never to the store' {
        $byString = @($sample | Measure-OfflineData)
        $byItem = @(Get-Item -LiteralPath $sample | Measure-OfflineData)
        $byString[-1].Source | Should -Be 'File'
        $byItem[-1].Source | Should -Be 'File'
        $byItem[-1].Path | Should -Be $sample
        $byItem[-1].Checksum | Should -Be $byString[-1].Checksum
    }

    It 'writes flat objects that survive Export-Csv and ConvertTo-Json' {
        $csv = Join-Path $TestDrive 'summary.csv'
        Measure-OfflineData -LiteralPath $sample -GroupBy Month, EventType | Export-Csv -LiteralPath $csv
        $back = @(Import-Csv -LiteralPath $csv)
        $back.Count | Should -Be 4
        $back[0].GroupBy | Should -Be 'Month,EventType'
        $back[-1].Key | Should -Be 'Total'
        ($back | Where-Object EventType -eq '7').Num2 | Should -Be '10090.20'
        $json = Measure-OfflineData -LiteralPath $sample | ConvertTo-Json | ConvertFrom-Json
        $json.Rows | Should -Be 10
        $json.IsTotal | Should -BeTrue
    }

    It 'refuses a dimension a file does not have, with SummaryDimensionNeedsStore' {
        { Measure-OfflineData -LiteralPath $sample -GroupBy Outcome -ErrorAction Stop } | Should -Throw -ErrorId 'SummaryDimensionNeedsStore,OfflineData.Commands.MeasureOfflineDataCommand'
    }

    It 'refuses an unknown dimension, and visits, with InvalidSummaryDimension' {
        { Measure-OfflineData -LiteralPath $sample -GroupBy Visits -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSummaryDimension,OfflineData.Commands.MeasureOfflineDataCommand'
        { Measure-OfflineData -LiteralPath $sample -GroupBy Var1, Var2 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSummaryDimension,OfflineData.Commands.MeasureOfflineDataCommand'
    }

    It 'counts rejected rows on the totals row of a file' {
        $bad = New-TestFile 'bad.csv' '2025-03-01 10:00:00;C1;7;;SKU;1;5.00', 'not a time;C2;7;;SKU;1;5.00'
        $total = Measure-OfflineData -LiteralPath $bad | Where-Object IsTotal
        $total.Rows | Should -Be 1
        $total.Rejected | Should -Be 1
    }
}

Describe 'Measure-OfflineData -GroupBy completion' {
    It 'completes <Typed> with <Expected>' -ForEach @(
        @{ Typed = 'Measure-OfflineData -GroupBy We'; Expected = 'Week' }
        @{ Typed = 'Measure-OfflineData -GroupBy State.Ca'; Expected = 'State.Campaign' }
        @{ Typed = 'Measure-OfflineData -GroupBy Day, Out'; Expected = 'Outcome' }
    ) {
        $completions = (TabExpansion2 -inputScript $Typed -cursorColumn $Typed.Length).CompletionMatches.CompletionText
        $completions | Should -Contain $Expected
    }
}
