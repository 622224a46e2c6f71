#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Issue 8, "Done means": the four cmdlets that read offline data files agree, in a real pwsh, on every offline data
# file in examples/ and on the broken-file corpus (tests/corpus/broken): the same rows read and the same rows
# rejected, by zip entry and physical line. (tests/OfflineData.Core.Tests/Agreement holds the same check on the core.)

BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $files = @(Get-ChildItem -LiteralPath (Join-Path $root 'tests/corpus/broken') -File | Where-Object Extension -ne '.py' | Sort-Object Name) +
        @('valid-sample.csv', 'valid-sample.zip', 'invalid-sample.csv' | ForEach-Object { Get-Item -LiteralPath (Join-Path $root "examples/$_") })
    $cases = $files | ForEach-Object { @{ Name = $_.Name; File = $_.FullName } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # "entry:line" of each row-level error finding, in file order.
    function Get-RejectedLine([object[]] $Findings) {
        @($Findings | Where-Object { $_.Severity -eq 'Error' -and $null -ne $_.RowIndex } |
                Sort-Object { $_.Entry }, { [long]$_.Line } | ForEach-Object { "$($_.Entry):$($_.Line)" } | Select-Object -Unique)
    }

    $containerCodes = 'CorruptArchive', 'EncryptedEntry', 'EmptyArchive', 'CorruptCompressedStream', 'UnsupportedCompression', 'TrailingData'
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Test, Read, Import and Convert agree on <Name>' -ForEach $cases {
    BeforeAll {
        $test = Test-OfflineDataFile -LiteralPath $File -WarningAction SilentlyContinue
        $testRejected = Get-RejectedLine $test.Findings
        $testContainer = @($test.Findings | Where-Object { $_.Code -in $containerCodes } | ForEach-Object Code) | Select-Object -First 1

        # Read writes one error per error finding (target = the finding) and a record per valid row.
        $records = @(Read-OfflineDataFile -LiteralPath $File -ErrorVariable readErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $readFindings = @($readErrors | ForEach-Object TargetObject | Where-Object { $_ -is [OfflineData.Core.Findings.Finding, OfflineData.Core] })
        $readRejected = Get-RejectedLine $readFindings
        $readContainer = @($readFindings | Where-Object { $_.Code -in $containerCodes } | ForEach-Object Code) | Select-Object -First 1

        $import = Import-OfflineData -LiteralPath $File -ReportSuite acme.prod -Store (Join-Path $TestDrive 'store.db') -WhatIf -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        $destination = Join-Path $TestDrive 'converted.csv'
        $rejectPath = Join-Path $TestDrive 'converted.rejects.csv'
        $convert = Convert-OfflineDataFile -LiteralPath $File -Destination $destination -RejectPath $rejectPath -Force -ErrorVariable convertErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        # The reject file is in the source's format (here ';'), with the entry and line of each rejected row at its end.
        $convertRejected = if (Test-Path -LiteralPath $rejectPath) {
            @(Import-Csv -LiteralPath $rejectPath -Delimiter ';' | ForEach-Object { "$($_.RejectEntry):$($_.RejectLine)" })
        } else { @() }
    }

    AfterAll {
        Remove-Item -LiteralPath $destination, $rejectPath -ErrorAction SilentlyContinue
    }

    It 'Read reads and rejects the rows Test does' {
        ($records.Count + $readRejected.Count) | Should -Be $test.RowCount
        ($readRejected -join ', ') | Should -Be ($testRejected -join ', ')
        $readContainer | Should -Be $testContainer
    }

    It 'Import reads and rejects the rows Test does' {
        $import.Rows | Should -Be $test.RowCount
        ((Get-RejectedLine $import.Findings) -join ', ') | Should -Be ($testRejected -join ', ')
    }

    It 'Convert reads and rejects the rows Test does, or fails the file with the container code Test reports' {
        if ($testContainer) {
            # A conversion is all or nothing: a damaged container fails the file (ErrorId = the code Test reports).
            $convertErrors[0].FullyQualifiedErrorId | Should -BeLike "$testContainer,*"
            return
        }

        if ($test.RowCount -eq $testRejected.Count) {
            # Nothing to convert (header only, or every row rejected): no destination, NoRowsConverted.
            $convertErrors[0].FullyQualifiedErrorId | Should -BeLike 'NoRowsConverted,*'
        }
        else {
            $convert.RowsRead | Should -Be $test.RowCount
            $convert.RowsRejected | Should -Be $testRejected.Count
        }

        ($convertRejected -join ', ') | Should -Be ($testRejected -join ', ')
    }
}
