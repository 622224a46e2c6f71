#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $utf8 = [Text.UTF8Encoding]::new($false)
    $commandId = 'OfflineData.Commands.WriteOfflineDataFileCommand'
    $header = 'Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2;Var1;Var2;Var3;Var4;Var5;EventName Attr1;EventName Attr2;EventName Attr3;EventName Attr4;EventName Attr5;EventName Attr6;EventName Attr7;EventName Attr8;EventName Attr9;EventName Attr10'

    function New-Row([string] $Customer, $Num2 = 1) {
        [pscustomobject]@{ Timestamp = '2024-05-25 12:00:00'; CustomerId = $Customer; EventType = 7; EventName = 'SKU'; Num1 = 1; Num2 = $Num2 }
    }
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Write-OfflineDataFile' {
    It 'writes [pscustomobject] rows from the pipeline as a valid file' {
        $path = Join-Path $TestDrive 'rows.csv'
        (New-Row 'C1' 12.50), (New-Row 'C2' '3.25') | Write-OfflineDataFile -Path $path
        $lines = [IO.File]::ReadAllLines($path, $utf8)
        $lines[0] | Should -Be $header
        $lines[1] | Should -Be '2024-05-25 12:00:00;C1;7;;SKU;1;12.5'
        $lines[2] | Should -Be '2024-05-25 12:00:00;C2;7;;SKU;1;3.25'
        (Test-OfflineDataFile $path).IsValid | Should -BeTrue
    }

    It 'reports an object that cannot be written, with the object as target, and writes the others' {
        $path = Join-Path $TestDrive 'partial.csv'
        (New-Row 'C1'), (New-Row 'C2' '12,50'), (New-Row 'C3') | Write-OfflineDataFile $path -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "InvalidNumber,$commandId"
        $errs[0].TargetObject.CustomerId | Should -Be 'C2'
        (Read-OfflineDataFile $path).CustomerId | Should -Be @('C1', 'C3')
    }

    It 'round-trips a file field for field' {
        $a = Join-Path $TestDrive 'a.csv'
        [IO.File]::WriteAllText($a, "$header`n2024-05-25 12:25:43;C1;7;CAT;SKU-1;2;999.50;Malmö;;;;;red;;;;;;;;;;PUR-1;`"a;b`"`n2024-05-25 12:26:00;C2;7;;`"multi`nline`";1;1500.00`n", $utf8)
        $b = Join-Path $TestDrive 'b.zip'
        Read-OfflineDataFile $a | Write-OfflineDataFile $b
        $left = @(Read-OfflineDataFile $a)
        $right = @(Read-OfflineDataFile $b)
        $right.Count | Should -Be $left.Count
        $names = 'Timestamp', 'CustomerId', 'EventType', 'Category', 'EventName', 'Num1', 'Num2', 'Var1', 'EventNameAttr1'
        for ($i = 0; $i -lt $left.Count; $i++) {
            foreach ($name in $names) { "$($right[$i].$name)" | Should -BeExactly "$($left[$i].$name)" }
            $right[$i].TransactionAttributes -join '|' | Should -BeExactly ($left[$i].TransactionAttributes -join '|')
        }
    }

    It 'refuses an existing file without -Force and replaces it with -Force' {
        $path = Join-Path $TestDrive 'exists.csv'
        Set-Content -LiteralPath $path -Value 'precious'
        { New-Row 'C1' | Write-OfflineDataFile $path -ErrorAction Stop } | Should -Throw -ErrorId "DestinationExists,$commandId"
        Get-Content -LiteralPath $path | Should -Be 'precious'
        New-Row 'C1' | Write-OfflineDataFile $path -Force
        (Test-OfflineDataFile $path).RowCount | Should -Be 1
    }

    It 'writes nothing under -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.csv'
        New-Row 'C1' | Write-OfflineDataFile $path -WhatIf
        Test-Path -LiteralPath $path | Should -BeFalse
    }

    It 'leaves no file when the pipeline fails midway' {
        $folder = Join-Path $TestDrive 'broken'
        $null = New-Item -ItemType Directory -Path $folder
        { 1..5 | ForEach-Object { if ($_ -eq 4) { throw 'export broke' }; New-Row "C$_" } | Write-OfflineDataFile (Join-Path $folder 'out.csv') } | Should -Throw
        @(Get-ChildItem -LiteralPath $folder -Force).Count | Should -Be 0
    }

    It 'returns the FileInfo with -PassThru' {
        $file = New-Row 'C1' | Write-OfflineDataFile (Join-Path $TestDrive 'pass.csv') -PassThru
        $file | Should -BeOfType ([IO.FileInfo])
    }

    It 'has help with at least two examples' {
        @((Get-Help Write-OfflineDataFile -Full).examples.example).Count | Should -BeGreaterOrEqual 2
    }
}
