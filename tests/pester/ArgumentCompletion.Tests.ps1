#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Tab completion of parameter values as a user gets it in a real pwsh: TabExpansion2 on a typed line.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Argument completion' {
    BeforeAll {
        $store = Join-Path $TestDrive 'completion.db'
        Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
        Set-TransactionIdRecording -ReportSuite acme.dev -Store $store
    }

    It 'completes -ReportSuite from the store named with -Store' {
        Get-Completion "Import-OfflineData x.csv -Store '$store' -ReportSuite acme." | Should -Be @('acme.dev', 'acme.prod')
    }

    It 'completes -ReportSuite from the default store (OFFLINEDATA_STORE) when no -Store is typed' {
        $saved = $env:OFFLINEDATA_STORE
        try {
            $env:OFFLINEDATA_STORE = $store
            Get-Completion 'Get-OfflineDataImport -ReportSuite acme.p' | Should -Be 'acme.prod'
        }
        finally {
            $env:OFFLINEDATA_STORE = $saved
        }
    }

    It 'never creates the store it completes from' {
        $missing = Join-Path $TestDrive 'not-there/none.db'
        Get-Completion "Set-TransactionIdRecording -Store '$missing' -ReportSuite " | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Split-Path $missing) | Should -BeFalse
    }

    It 'completes <Typed> on Convert-OfflineDataFile with <Expected>' -ForEach @(
        @{ Typed = '-Encoding windows-12'; Expected = 'windows-1252' }
        @{ Typed = '-Culture de-D'; Expected = 'de-DE' }
        @{ Typed = '-SourceTimeZone Stockh'; Expected = 'Europe/Stockholm' }
        @{ Typed = '-TargetTimeZone UT'; Expected = 'UTC' }
        @{ Typed = '-Delimiter '; Expected = "';'" }
    ) {
        Get-Completion "Convert-OfflineDataFile in.csv -Destination out.csv $Typed" | Should -Contain $Expected
    }

    It 'quotes a completed -TransactionIdColumn that has a space, and the completed line runs' {
        $completed = Get-Completion 'Import-OfflineData x.csv -ReportSuite acme.prod -TransactionIdColumn EventTransaction'
        $completed[0] | Should -Be "'EventTransaction Attr1'"
        $file = New-TestFile 'one.csv' @('2024-05-25 12:25:43;C1;7;;SKU1;1;9.99;;;;;;;;;;;;;;;;T1')
        $result = Invoke-Expression "Import-OfflineData -LiteralPath '$file' -ReportSuite acme.prod -Store '$store' -WhatIf -TransactionIdColumn $($completed[0])"
        $result.TransactionIdColumn | Should -Be 'EventTransaction Attr1'
    }
}
