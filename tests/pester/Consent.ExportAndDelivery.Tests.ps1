#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Issue 12 (seed 003: send unless an explicit opt-out is recorded), as a user meets it: the consent parameters shared by
# Export-OfflineData, Export-AdobeDataSource and Send-OfflineDataFile, and what leaves the machine when the store records
# opt-outs. The filter's rules are proven singly in ConsentFileFilterTests and FileSenderConsentTests (core).

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -SkipImport
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $sample = Join-Path $PSScriptRoot '../../examples/valid-sample.csv' | Resolve-Path | ForEach-Object ProviderPath
    function New-Folder { (New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid().ToString('N')))).FullName }
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'The consent parameters' {
    It 'refuse a value that is no consent value on <Command>, at binding' -ForEach @(
        @{ Command = 'Export-OfflineData'; Arguments = @{ ReportSuite = 'acme.prod'; From = '2025-01-01'; To = '2025-02-01' } }
        @{ Command = 'Export-AdobeDataSource'; Arguments = @{ OutputFolder = 'TestDrive:/never'; Path = 'valid-sample.csv' } }
        @{ Command = 'Send-OfflineDataFile'; Arguments = @{ Destination = 'TestDrive:/never'; Path = 'valid-sample.csv' } }
    ) {
        { & $Command @Arguments -SuppressConsentValue 'no' -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,OfflineData.Commands.$($Command -replace '-', '')Command"
    }

    It 'accept every Adobe consent value in any case' {
        $out = New-Folder
        $result = Export-AdobeDataSource -Path $sample -OutputFolder $out -Template CustomerId -Store (Join-Path $TestDrive 'none.db') -SuppressConsentValue N, p, U, li
        $result.Rows | Should -Be 10
    }

    It 'say in the verbose stream that a store that does not exist records no opt-out, and create no store' {
        $store = Join-Path $TestDrive 'missing.db'
        $out = New-Folder
        $verbose = Export-AdobeDataSource -Path $sample -OutputFolder $out -Template CustomerId -Store $store -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'does not exist, so it records no opt-out; nothing is suppressed'
        Test-Path -LiteralPath $store | Should -BeFalse
    }

    It 'warn on every run with -SkipConsentCheck' {
        $out = New-Folder
        $null = Export-AdobeDataSource -Path $sample -OutputFolder $out -Template CustomerId -Prefix one -SkipConsentCheck -WarningVariable first -WarningAction SilentlyContinue
        $null = Export-AdobeDataSource -Path $sample -OutputFolder $out -Template CustomerId -Prefix two -SkipConsentCheck -WarningVariable second -WarningAction SilentlyContinue
        "$first" | Should -Match 'SkipConsentCheck: the rows are not checked'
        "$second" | Should -Match 'SkipConsentCheck: the rows are not checked'
    }

    It 'show SuppressedRows and ConsentPolicy on the Adobe file, and the Suppressed column in its table' {
        $out = New-Folder
        $result = Export-AdobeDataSource -Path $sample -OutputFolder $out -Template CustomerId -Store (Join-Path $TestDrive 'none.db')
        $result.SuppressedRows | Should -Be 0
        $result.ConsentPolicy | Should -Be 'collect = n'
        ($result | Format-Table | Out-String -Width 200) | Should -Match 'Suppressed'
    }
}
