#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $commandId = 'OfflineData.Commands.ReadOfflineDataFileCommand'
    $header = 'Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2;Var1;Var2;Var3;Var4;Var5;EventName Attr1;EventName Attr2;EventName Attr3;EventName Attr4;EventName Attr5;EventName Attr6;EventName Attr7;EventName Attr8;EventName Attr9;EventName Attr10'
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Read-OfflineDataFile' {
    BeforeAll {
        # TestDrive exists inside Describe blocks.
        $file = New-TestFile 'a.csv' @(
            $header
            '2024-05-25 12:25:43;C1;7;CAT;SKU-1;2;999.50;Malmö;;;;;red;;;;;;;;;;PUR-1;"a;b"'
            '2024-05-25 12:26:00;C2;7;;SKU-2;1;1500.00'
            '2024-05-25 12:27:00;C3;7;;SKU-3;1;1,5'
            '2024-05-25 12:28:00;C4;12;;"Call ""billing""";3;2500;Göteborg'
            '2024-05-25 12:29:00;C5;7;;SKU-5;1;10'
        )
    }

    It 'streams typed records with their location' {
        $records = Read-OfflineDataFile -Path $file -ErrorAction SilentlyContinue
        $records.Count | Should -Be 4
        $records[0] | Should -BeOfType 'OfflineData.Core.Format.OfflineDataRecord, OfflineData.Core'
        $records[0].Timestamp | Should -BeOfType ([datetime])
        $records[0].Timestamp | Should -Be ([datetime]'2024-05-25 12:25:43')
        $records[0].EventType | Should -BeOfType ([int])
        $records[0].Num2 | Should -BeOfType ([decimal])
        $records[0].TransactionAttributes | Should -Be @('PUR-1', 'a;b')
        $records[0].Line | Should -Be 2
        $records[2].EventName | Should -Be 'Call "billing"'
        $records[3].Line | Should -Be 6
    }

    It 'heads the default table with each file and zip entry, so line numbers name their file' {
        $examples = Join-Path (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path 'examples'
        $csv = Join-Path $examples 'valid-sample.csv'
        $zip = Join-Path $examples 'valid-sample.zip'
        $text = Read-OfflineDataFile -LiteralPath $csv, $zip | Out-String -Width 120
        $entry = (Test-OfflineDataFile -LiteralPath $zip).Entry
        $text | Should -Match ([regex]::Escape("Path: $csv"))
        $text | Should -Match ([regex]::Escape("Path: $zip | $entry"))
        ([regex]::Matches($text, '(?m)^\s*Path: ')).Count | Should -Be 2
    }

    It 'turns an invalid row into a non-terminating error with the validator code and goes on' {
        $records = Read-OfflineDataFile -Path $file -ErrorVariable errs -ErrorAction SilentlyContinue
        $records.CustomerId | Should -Be @('C1', 'C2', 'C4', 'C5')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "InvalidNumber,$commandId"
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].TargetObject.Line | Should -Be 4
        $errs[0].TargetObject.RawValue | Should -Be '1,5'
    }

    It 'filters in a pipeline and writes the result' {
        $out = Join-Path $TestDrive 'b.csv'
        Read-OfflineDataFile $file -ErrorAction SilentlyContinue | Where-Object { $_.Num2 -gt 1000 } | Write-OfflineDataFile $out
        (Test-OfflineDataFile $out).IsValid | Should -BeTrue
        (Read-OfflineDataFile $out).CustomerId | Should -Be @('C2', 'C4')
    }

    It 'binds Get-ChildItem output and reports a missing path' {
        $records = @(Get-Item -LiteralPath $file) + @(Join-Path $TestDrive 'none.csv') | Read-OfflineDataFile -ErrorVariable errs -ErrorAction SilentlyContinue
        $records.Count | Should -Be 4
        ($errs | Where-Object FullyQualifiedErrorId -Like 'PathNotFound,*') | Should -Not -BeNullOrEmpty
    }

    It 'hands each record on before it reads the next' {
        # 50,000 valid rows and a bad last one: had the file been read ahead, its InvalidNumber error would come first.
        $rows = [Collections.Generic.List[string]]::new()
        $rows.Add($header)
        for ($i = 0; $i -lt 50000; $i++) { $rows.Add("2024-05-25 12:00:00;C$i;7;;SKU;1;2.50") }
        $rows.Add('2024-05-25 12:00:00;CX;7;;SKU;1;1,5')
        $big = New-TestFile 'big.csv' $rows.ToArray()
        $caught = $null
        try { Read-OfflineDataFile $big -ErrorVariable errs | ForEach-Object { throw "first record: line $($_.Line)" } } catch { $caught = $_ }
        $caught.Exception.Message | Should -Be 'first record: line 2'
        $errs | Should -BeNullOrEmpty
    }

    It 'warns once for a run of blank lines, naming its lines, and once for a long quoted field' {
        # Issue 7: a warning per blank line (and a finding held per line), and a long quoted field read as many rows.
        $lines = [Collections.Generic.List[string]]::new()
        $lines.Add('2024-05-25 12:00:00;C1;7;;SKU;1;2')
        for ($i = 0; $i -lt 100000; $i++) { $lines.Add('') }
        $lines.Add('2024-05-25 12:00:01;C2;7;;SKU;1;2;"' + ((1..12 | ForEach-Object { 'y' * 99999 }) -join "`n") + '"')
        $lines.Add('2024-05-25 12:00:02;C3;7;;SKU;1;2')
        $path = New-TestFile 'blank-and-long.csv' $lines.ToArray()

        $records = Read-OfflineDataFile -Path $path -WarningVariable warnings -ErrorVariable errs -WarningAction SilentlyContinue -ErrorAction SilentlyContinue

        $records.CustomerId | Should -Be @('C1', 'C3')
        $records[1].Line | Should -Be 100014
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike '*:2: warning BlankRow (OD203): Lines 2 to 100001 (100,000 lines) are empty*'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "RecordTooLong,$commandId"
        $errs[0].TargetObject.Line | Should -Be 100002
        $errs[0].TargetObject.Message | Should -BeLike '*spans lines 100002 to 100013*reading resumed on line 100014*'
    }

    Context 'filter-left parameters' {
        It 'selects with <Filter> and still reports the invalid row on line 4' -TestCases @(
            @{ Filter = @{ EventType = 12 }; Expected = @('C4') }
            @{ Filter = @{ CustomerId = 'C[15]' }; Expected = @('C1', 'C5') }
            @{ Filter = @{ CustomerId = 'c1' }; Expected = @() }
            @{ Filter = @{ From = [datetime]'2024-05-25 12:26'; To = [datetime]'2024-05-25 12:28' }; Expected = @('C2', 'C4') }
            @{ Filter = @{ TransactionId = 'PUR-*' }; Expected = @('C1') }
            @{ Filter = @{ TransactionId = 'a;b'; TransactionIdColumn = 'TransactionAttr2' }; Expected = @('C1') }
            @{ Filter = @{ EventType = 7; From = [datetime]'2024-05-25 12:26' }; Expected = @('C2', 'C5') }
        ) {
            param($Filter, $Expected)
            $records = @(Read-OfflineDataFile -LiteralPath $file @Filter -ErrorVariable bad -ErrorAction SilentlyContinue)
            @($records.CustomerId) | Should -Be $Expected
            $bad.Count | Should -Be 1
            $bad[0].FullyQualifiedErrorId | Should -Be "InvalidNumber,$commandId"
            $bad[0].TargetObject.Line | Should -Be 4
        }

        It 'completes -EventType with the purchase' {
            $completion = TabExpansion2 -inputScript 'Read-OfflineDataFile x.csv -EventType ' -cursorColumn 38
            $completion.CompletionMatches.CompletionText | Should -Contain '7'
        }

        It 'refuses a column that cannot hold a transaction ID as a parameter binding error naming the parameter' {
            $err = { Read-OfflineDataFile -LiteralPath $file -TransactionId x -TransactionIdColumn 'Num1' -ErrorAction Stop } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "ParameterArgumentTransformationError,$commandId"
            $err.Exception.ParameterName | Should -Be 'TransactionIdColumn'
            $err.Exception.Message | Should -Match "parameter 'TransactionIdColumn'"
            $err.Exception.Message | Should -Match 'EventTransaction Attr1'
        }
    }

    It 'has help with at least two examples' {
        @((Get-Help Read-OfflineDataFile -Full).examples.example).Count | Should -BeGreaterOrEqual 2
    }
}
