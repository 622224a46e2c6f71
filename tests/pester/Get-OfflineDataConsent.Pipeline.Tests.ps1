#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Get-OfflineData | Get-OfflineDataConsent (issue 12 review): CustomerId binds once per stored row, so a customer with
# several rows must still get each consent entry once.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $sample = Join-Path $repoRoot 'examples/valid-sample.csv'
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Get-OfflineData piped into Get-OfflineDataConsent' {
    It 'writes each consent entry once, however many rows its customer has' {
        $store = New-TestStore 'SQLite'
        $null = Import-OfflineData -Path $sample -ReportSuite acme.prod -Store $store -WarningAction SilentlyContinue
        $null = 'CUST-10001', 'CUST-10003' | Import-OfflineDataConsent -Store $store
        @(Get-OfflineData -Store $store | Where-Object CustomerId -eq 'CUST-10001').Count | Should -BeGreaterThan 1

        $entries = @(Get-OfflineData -Store $store | Get-OfflineDataConsent)

        $entries.Count | Should -Be 2
        @($entries.CustomerId | Sort-Object) | Should -Be 'CUST-10001', 'CUST-10003'
    }
}
