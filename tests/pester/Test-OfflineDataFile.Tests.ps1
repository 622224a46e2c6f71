#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $examples = Join-Path $repoRoot 'examples'
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Test-OfflineDataFile' {
    Context 'Reports' {
        It 'reports the bundled valid sample as valid' {
            $report = Test-OfflineDataFile -Path (Join-Path $examples 'valid-sample.csv')
            $report | Should -BeOfType 'OfflineData.Core.Validation.ValidationReport, OfflineData.Core'
            $report.IsValid | Should -BeTrue
            $report.RowCount | Should -Be 10
            $report.HeaderRows | Should -Be 1
            $report.ErrorCount | Should -Be 0
        }

        It 'reads every entry of the zipped sample and names it' {
            $report = Test-OfflineDataFile -Path (Join-Path $examples 'valid-sample.zip')
            $report.Format | Should -Be 'Zip'
            $report.Entries | Should -Contain 'valid-sample.csv'
            $report.RowCount | Should -Be 10
        }

        It 'locates each finding of the invalid sample by line, column and raw value' {
            $report = Test-OfflineDataFile -Path (Join-Path $examples 'invalid-sample.csv')
            $report.IsValid | Should -BeFalse
            $report.RowCount | Should -Be 12
            $report.InvalidRowCount | Should -Be 8
            $report.ErrorCount | Should -Be 9
            $report.WarningCount | Should -Be 3

            $timestamp = $report.Findings | Where-Object Line -EQ 3
            $timestamp.Code | Should -Be 'InvalidTimestamp'
            $timestamp.ColumnName | Should -Be 'Time Stamp'
            $timestamp.RawValue | Should -Be '01/03/2025 09:31'

            $number = $report.Findings | Where-Object Code -EQ 'InvalidNumber'
            $number.Line | Should -Be 7
            $number.ColumnName | Should -Be 'Num2'
            $number.RawValue | Should -Be '2450,00'

            ($report.Findings | Where-Object Code -EQ 'DuplicateRow').Line | Should -Be 12
            ($report.Findings | Where-Object Code -EQ 'UnclosedQuote').Line | Should -Be 10
        }

        It 'lets findings be filtered across files in a pipeline' {
            $found = Test-OfflineDataFile -Path (Join-Path $examples '*-sample.*') |
                ForEach-Object Findings |
                Where-Object Code -EQ 'InvalidTimestamp'
            $found.Count | Should -Be 2
            $found | ForEach-Object { $_.Path | Should -BeLike '*invalid-sample.csv' }
        }

        It 'keeps counts exact when the listed findings are capped' {
            $path = New-TestFile 'many.csv' (1..50 | ForEach-Object { "bad;C$_;7;;SKU;1;2" })
            $report = Test-OfflineDataFile -LiteralPath $path -MaxFindings 5
            $report.Findings.Count | Should -Be 5
            $report.FindingsTruncated | Should -BeTrue
            $report.ErrorCount | Should -Be 50
            ($report.CodeCounts | Where-Object Code -EQ 'InvalidTimestamp').Count | Should -Be 50
        }

        It 'honours -Header Absent' {
            $path = New-TestFile 'noheader.csv' @('2024-01-01 10:00:00;C1;7;;SKU;1;2')
            (Test-OfflineDataFile -LiteralPath $path -Header Absent).HeaderRows | Should -Be 0
            (Test-OfflineDataFile -LiteralPath $path -Header Present).RowCount | Should -Be 0
        }
    }

    Context 'Pipeline binding' {
        It 'binds strings by value to -Path' {
            $reports = (Join-Path $examples 'valid-sample.csv'), (Join-Path $examples 'valid-sample.zip') | Test-OfflineDataFile
            $reports.Count | Should -Be 2
        }

        It 'binds Get-ChildItem output through PSPath' {
            $reports = Get-ChildItem -LiteralPath $examples -Filter 'valid-sample.*' | Test-OfflineDataFile
            @($reports).Count | Should -Be 2
            $reports.Name | Should -Contain 'valid-sample.csv'
            $reports.Name | Should -Contain 'valid-sample.zip'
        }

        It 'binds a LiteralPath property by name' {
            $report = [pscustomobject]@{ LiteralPath = (Join-Path $examples 'valid-sample.csv') } | Test-OfflineDataFile
            $report.IsValid | Should -BeTrue
        }

        It 'binds a Path property by name' {
            $report = [pscustomobject]@{ Path = (Join-Path $examples 'valid-*.csv') } | Test-OfflineDataFile
            $report.Name | Should -Be 'valid-sample.csv'
        }

        It 'takes wildcard characters literally with -LiteralPath' {
            $path = New-TestFile 'sales[1].csv' @('2024-01-01 10:00:00;C1;7;;SKU;1;2')
            (Test-OfflineDataFile -LiteralPath $path).RowCount | Should -Be 1
        }
    }

    Context 'Errors' {
        It 'writes a non-terminating PathNotFound error and still validates the other files' {
            $missing = Join-Path $TestDrive 'missing.csv'
            $reports = Test-OfflineDataFile -Path $missing, (Join-Path $examples 'valid-sample.csv') -ErrorVariable errs -ErrorAction SilentlyContinue
            @($reports).Count | Should -Be 1
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'PathNotFound,OfflineData.Commands.TestOfflineDataFileCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be $missing
        }

        It 'reports a wildcard that matches nothing' {
            $null = Test-OfflineDataFile -Path (Join-Path $TestDrive 'none-*.csv') -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        }

        It 'says to use -LiteralPath when -Path names a file with [ ] in its name that the wildcard does not match' {
            $path = New-TestFile 'day [1].csv' @('2024-01-01 10:00:00;C1;7;;SKU;1;2')
            $null = Test-OfflineDataFile -Path $path -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
            $errs[0].Exception.Message.Contains("use -LiteralPath '$path'") | Should -BeTrue -Because $errs[0].Exception.Message
            $null = Test-OfflineDataFile -Path (Join-Path $TestDrive 'none-[1].csv') -ErrorVariable errs2 -ErrorAction SilentlyContinue
            $errs2[0].Exception.Message | Should -Not -BeLike '*-LiteralPath*'
        }

        It 'reports a wildcard that matches only directories, and -Quiet gives $false' {
            $folder = Join-Path $TestDrive 'only-folders'
            $null = New-Item -ItemType Directory -Path (Join-Path $folder 'archive') -Force
            $reports = @(Test-OfflineDataFile -Path (Join-Path $folder '*') -ErrorVariable errs -ErrorAction SilentlyContinue)
            $reports.Count | Should -Be 0
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
            Test-OfflineDataFile -Path (Join-Path $folder '*') -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
        }

        It 'rejects a directory named explicitly' {
            $null = Test-OfflineDataFile -LiteralPath $TestDrive -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PathIsDirectory,*'
        }

        It 'rejects a path of another provider' {
            $null = Test-OfflineDataFile -Path 'Env:PATH' -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'NotFileSystemPath,*'
        }
    }

    Context '-Quiet' {
        It 'returns one boolean per file' {
            $results = Test-OfflineDataFile -Path (Join-Path $examples 'valid-sample.csv'), (Join-Path $examples 'invalid-sample.csv') -Quiet
            $results | Should -Be @($true, $false)
        }

        It 'returns $false for a file that cannot be found' {
            Test-OfflineDataFile -Path (Join-Path $TestDrive 'missing.csv') -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
        }
    }

    Context 'Findings table' {
        It 'shows the longest finding code whole' {
            # CorruptCompressedStream is the longest code (23 characters); a narrower Code column cut it.
            $bytes = [IO.File]::ReadAllBytes((Join-Path $examples 'valid-sample.csv'))
            $buffer = [IO.MemoryStream]::new()
            $gzip = [IO.Compression.GZipStream]::new($buffer, [IO.Compression.CompressionMode]::Compress)
            $gzip.Write($bytes, 0, $bytes.Length)
            $gzip.Dispose()
            $compressed = $buffer.ToArray()
            $cut = Join-Path $TestDrive 'cut.csv.gz'
            [IO.File]::WriteAllBytes($cut, $compressed[0..($compressed.Length - 12)])

            $findings = (Test-OfflineDataFile -LiteralPath $cut).Findings
            $findings.Code | Should -Contain 'CorruptCompressedStream'
            ($findings | Out-String -Width 150) | Should -Match 'CorruptCompressedStream\s'
        }
    }

    Context 'Findings table at 120 columns' {
        It 'leaves the Message at least 25 characters a line and stays within the window' {
            # At 120 columns the fixed columns used to leave the Message 13 characters, eight lines per finding.
            $text = (Test-OfflineDataFile -LiteralPath (Join-Path $examples 'invalid-sample.csv')).Findings | Out-String -Width 120
            $lines = $text -split '\r?\n'
            # The last column takes what is left of the window: from where its label starts to the window's edge.
            $header = $lines | Where-Object { $_ -match 'RawValue\s+Message' } | Select-Object -First 1
            $header | Should -Not -BeNullOrEmpty
            (120 - $header.IndexOf('Message')) | Should -BeGreaterOrEqual 25
            $lines | Where-Object { $_.Length -gt 120 } | Should -BeNullOrEmpty
            $text | Should -Match 'CorruptCompressedStream|InvalidTimestamp\s'
        }
    }

    Context 'Help' {
        It 'has a synopsis and at least two examples' {
            $help = Get-Help Test-OfflineDataFile -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        }
    }
}
