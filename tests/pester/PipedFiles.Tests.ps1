#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Files piped the way PowerShell users pipe them (Get-ChildItem, Resolve-Path, path strings) are read as files
# by every cmdlet that reads files, never taken as data rows.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Piped files' {
    BeforeAll {
        $web = New-TestFile 'web.csv' @('Timestamp,VisitorId,TransactionId', '2025-02-27 19:02:11,V1,T1', '2025-02-27 19:03:00,V2,T2')
        $offline = New-TestFile 'day.csv' @('2024-05-25 12:25:43;C1;7;;SKU1;1;9.99')
    }

    It 'Import-OnlineData reads <Name> output as a file' -ForEach @(
        @{ Name = 'Get-ChildItem'; Producer = { Get-ChildItem -LiteralPath $web } }
        @{ Name = 'Get-Item'; Producer = { Get-Item -LiteralPath $web } }
        @{ Name = 'Resolve-Path'; Producer = { Resolve-Path -LiteralPath $web } }
        @{ Name = 'a path string'; Producer = { $web } }
    ) {
        $store = Join-Path $TestDrive ('s{0}.db' -f [guid]::NewGuid().ToString('N'))
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
        $result = & $Producer | Import-OnlineData -ReportSuite acme.prod -Store $store -ErrorVariable failures
        $failures | Should -BeNullOrEmpty
        $result.Source | Should -Be $web
        $result.TransactionsRecorded | Should -Be 2
    }

    It 'Import-Csv rows still import as rows' {
        $store = Join-Path $TestDrive 'rows.db'
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
        $result = Import-Csv -LiteralPath $web | Import-OnlineData -ReportSuite acme.prod -Store $store
        $result.Source | Should -Be 'pipeline'
        $result.TransactionsRecorded | Should -Be 2
    }

    It '<Command> reads Get-ChildItem output as files' -ForEach @(
        @{ Command = 'Test-OfflineDataFile'; Run = { param($f) $f | Test-OfflineDataFile }; Check = { param($r) $r.IsValid | Should -BeTrue } }
        @{ Command = 'Read-OfflineDataFile'; Run = { param($f) $f | Read-OfflineDataFile }; Check = { param($r) $r.CustomerId | Should -Be 'C1' } }
        @{ Command = 'Convert-OfflineDataFile'; Run = { param($f) $f | Convert-OfflineDataFile -Destination (Join-Path $TestDrive 'converted.csv') -Force }; Check = { param($r) $r.RowsWritten | Should -Be 1 } }
        @{ Command = 'Import-OfflineData'; Run = { param($f) $f | Import-OfflineData -ReportSuite acme.prod -Store (Join-Path $TestDrive 'gci.db') -WhatIf }; Check = { param($r) $r.Rows | Should -Be 1 } }
    ) {
        $result = & $Run (Get-ChildItem -LiteralPath $offline)
        & $Check $result
    }

    It 'Write-OfflineDataFile says a piped file is not a row' {
        $out = Join-Path $TestDrive 'out.csv'
        Get-ChildItem -LiteralPath $offline | Write-OfflineDataFile -LiteralPath $out -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InputIsFile,*'
        Test-Path -LiteralPath $out | Should -BeFalse
    }
}
