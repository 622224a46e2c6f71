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
        (New-Row 'C1'), (New-Row 'C2' '12x50'), (New-Row 'C3') | Write-OfflineDataFile $path -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "InvalidNumber,$commandId"
        $errs[0].TargetObject.CustomerId | Should -Be 'C2'
        (Read-OfflineDataFile $path).CustomerId | Should -Be @('C1', 'C3')
    }

    It 'rejects a value whose line break is followed by text that starts like a row, so it never reads back as an extra row' {
        $path = Join-Path $TestDrive 'injected.csv'
        $bad = New-Row 'C2'
        $bad | Add-Member Var1 "note`n2025-03-01 09:14:05;C9;7;;X;1;1.00"
        $kept = New-Row 'C3'
        $kept | Add-Member Var1 "note`n2025-03-01 09:14:05 called back"
        (New-Row 'C1'), $bad, $kept | Write-OfflineDataFile $path -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "MalformedRow,$commandId"
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].TargetObject.CustomerId | Should -Be 'C2'
        $back = @(Read-OfflineDataFile $path)
        $back.CustomerId | Should -Be @('C1', 'C3')
        $back[1].Var1 | Should -BeExactly "note`n2025-03-01 09:14:05 called back"
        (Test-OfflineDataFile $path).IsValid | Should -BeTrue
    }

    It 'writes again every row Test calls valid, a customer ID of only a space included' {
        $source = New-TestFile 'ws.csv' '2025-03-01 09:14:05; ;7;;X;1;1.00', "2025-03-01 09:14:06;C2;7;;`t;1;1.00"
        (Test-OfflineDataFile $source).IsValid | Should -BeTrue
        $path = Join-Path $TestDrive 'ws2.csv'
        Read-OfflineDataFile $source | Write-OfflineDataFile $path -NoHeader -ErrorVariable errs
        $errs.Count | Should -Be 0
        [IO.File]::ReadAllLines($path, $utf8) | Should -Be @('2025-03-01 09:14:05; ;7;;X;1;1.00', "2025-03-01 09:14:06;C2;7;;`t;1;1.00")
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

    It 'names in its header as many EventTransaction columns as the widest row carries' {
        $path = Join-Path $TestDrive 'attributes.csv'
        $rows = (New-Row 'C1'), (New-Row 'C2'), (New-Row 'C3')
        $rows[0] | Add-Member TransactionAttributes @('P-1')
        $rows[1] | Add-Member TransactionAttributes @('P-2', '', 'third')
        $rows | Write-OfflineDataFile -Path $path
        $lines = [IO.File]::ReadAllLines($path, $utf8)
        $lines[0] | Should -Be "$header;EventTransaction Attr1;EventTransaction Attr2;EventTransaction Attr3"
        $lines[2] | Should -Be '2024-05-25 12:00:00;C2;7;;SKU;1;1;;;;;;;;;;;;;;;;P-2;;third'
        $report = Test-OfflineDataFile $path
        $report.IsValid | Should -BeTrue
        $report.WarningCount | Should -Be 0
        (Read-OfflineDataFile $path)[1].TransactionAttributes | Should -Be @('P-2', '', 'third')
    }

    Context 'through Export-Csv and Import-Csv' {
        BeforeAll {
            # Rows carry different numbers of transaction attributes, the widest not first, with ';', quotes and empty ones.
            $several = Join-Path $TestDrive 'several.csv'
            [IO.File]::WriteAllText($several, (@(
                        "$header;EventTransaction Attr1;EventTransaction Attr2;EventTransaction Attr3;EventTransaction Attr4"
                        '2025-03-01 09:14:05;C1;7;CAT;SKU-1;2;999.50;Malmö;;;;;red;;;;;;;;;;PUR-1'
                        '2025-03-01 21:00:59;C2;7;;SKU-2;1;0.10;;;;;;;;;;;;;;;;PUR-2;"a;b";;"say ""hi"""'
                        ('2025-12-31 23:59:59;C3;0;;"multi' + "`n" + 'line";-3;1500.00')
                        '2025-01-02 03:04:05;C4;7;;SKU-4;1;2;;;;;;;;;;;;;;;;;POS-9'
                    ) -join "`n") + "`n", $utf8)
            $bundled = (Resolve-Path (Join-Path $PSScriptRoot '..' '..' 'examples' 'valid-sample.csv')).ProviderPath
        }

        It 'keeps every field of <Name> byte for byte under the culture "<Culture>"' -ForEach @(
            @{ Name = 'valid-sample.csv'; Culture = '' }
            @{ Name = 'valid-sample.csv'; Culture = 'sv-SE' }
            @{ Name = 'several.csv'; Culture = '' }
            @{ Name = 'several.csv'; Culture = 'en-GB' }
            @{ Name = 'several.csv'; Culture = 'de-DE' }
            @{ Name = 'several.csv'; Culture = 'en-US' }
        ) {
            $source = if ($Name -eq 'several.csv') { $several } else { $bundled }
            $csv = Join-Path $TestDrive "export-$Name-$Culture.csv"
            $rewritten = Join-Path $TestDrive "rewritten-$Name-$Culture.csv"
            $saved = [Threading.Thread]::CurrentThread.CurrentCulture
            try {
                [Threading.Thread]::CurrentThread.CurrentCulture = [Globalization.CultureInfo]::GetCultureInfo($Culture)
                Read-OfflineDataFile $source | Export-Csv -LiteralPath $csv -NoTypeInformation
                Import-Csv -LiteralPath $csv | Write-OfflineDataFile -LiteralPath $rewritten -ErrorAction Stop
            }
            finally {
                [Threading.Thread]::CurrentThread.CurrentCulture = $saved
            }
            Get-Content -LiteralPath $csv -Raw | Should -Not -Match 'System\.'
            [IO.File]::ReadAllBytes($rewritten) | Should -Be ([IO.File]::ReadAllBytes($source))
        }

        It 'exports the transaction attributes in one column, as the format writes them' {
            $csv = Join-Path $TestDrive 'attributes-export.csv'
            Read-OfflineDataFile $several | Export-Csv -LiteralPath $csv -NoTypeInformation
            (Import-Csv -LiteralPath $csv)[1].TransactionAttributes | Should -BeExactly 'PUR-2;"a;b";;"say ""hi"""'
        }

        It 'reads the round-trip (o), ISO 8601 and general forms of a timestamp' {
            $path = Join-Path $TestDrive 'iso.csv'
            $rows = (New-Row 'C1'), (New-Row 'C2'), (New-Row 'C3')
            $rows[0].Timestamp = [datetime]::new(2025, 3, 1, 9, 14, 5).ToString('o')
            $rows[1].Timestamp = '2025-03-01T09:14:05'
            $rows[2].Timestamp = [datetime]::new(2025, 3, 1, 9, 14, 5).ToString()
            $rows | Write-OfflineDataFile -Path $path -ErrorAction Stop
            (Read-OfflineDataFile $path).Timestamp | Should -Be (@([datetime]::new(2025, 3, 1, 9, 14, 5)) * 3)
        }

        It 'says which timestamp forms it reads, and advises no parameter it does not have' {
            $row = New-Row 'C1'
            $row.Timestamp = 'next Tuesday'
            $row | Write-OfflineDataFile (Join-Path $TestDrive 'bad-time.csv') -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be "InvalidTimestamp,$commandId"
            $errs[0].Exception.Message | Should -Match 'next Tuesday'
            $errs[0].Exception.Message | Should -Match 'Export-Csv'
            $errs[0].Exception.Message | Should -Not -Match '-TimestampFormat|-Culture'
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

    Context 'a destination with wildcard characters' {
        BeforeEach {
            $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
            New-Item -ItemType Directory -Path $folder | Out-Null
        }

        It 'never creates a file literally named *.csv: a -Path wildcard that matches nothing is PathNotFound' {
            { New-Row 'C1' | Write-OfflineDataFile -Path (Join-Path $folder '*.csv') -ErrorAction Stop } |
                Should -Throw -ErrorId "PathNotFound,$commandId"
            @(Get-ChildItem -LiteralPath $folder -Force).Count | Should -Be 0
        }

        It 'refuses a -Path wildcard that matches several files (PathNotUnique) and writes to the one it matches' {
            'x' | Set-Content -LiteralPath (Join-Path $folder 'a.csv')
            'y' | Set-Content -LiteralPath (Join-Path $folder 'b.csv')
            $err = { New-Row 'C1' | Write-OfflineDataFile -Path (Join-Path $folder '*.csv') -ErrorAction Stop } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "PathNotUnique,$commandId"
            $err.TargetObject | Should -Be (Join-Path $folder '*.csv')
            New-Row 'C1' | Write-OfflineDataFile -Path (Join-Path $folder 'a*') -Force
            (Read-OfflineDataFile -LiteralPath (Join-Path $folder 'a.csv')).CustomerId | Should -Be 'C1'
            Get-Content -LiteralPath (Join-Path $folder 'b.csv') | Should -Be 'y'
        }

        It 'creates the file under -LiteralPath, wildcard characters and all' {
            New-Row 'C1' | Write-OfflineDataFile -LiteralPath (Join-Path $folder '[1].csv')
            (Read-OfflineDataFile -LiteralPath (Join-Path $folder '[1].csv')).CustomerId | Should -Be 'C1'
        }
    }

    It 'refuses -Compress with a destination not named .zip, so a .csv never holds zip bytes' {
        $path = Join-Path $TestDrive 'zipped.csv'
        $err = { New-Row 'C1' | Write-OfflineDataFile -Path $path -Compress -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "InvalidArgument,$commandId"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match '\.zip'
        Test-Path -LiteralPath $path | Should -BeFalse
        New-Row 'C1' | Write-OfflineDataFile -Path (Join-Path $TestDrive 'zipped.zip') -Compress
        (Read-OfflineDataFile (Join-Path $TestDrive 'zipped.zip')).CustomerId | Should -Be 'C1'
    }

    It 'names a Get-ChildItem file by its plain path when it is piped in as a row' {
        $file = New-TestFile 'piped.csv' '2025-03-01 09:14:05;C1;7;;X;1;1.00'
        Get-ChildItem -LiteralPath $file | Write-OfflineDataFile (Join-Path $TestDrive 'piped-out.csv') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be "InputIsFile,$commandId"
        $errs[0].Exception.Message | Should -BeLike "*('$file')*"
        $errs[0].Exception.Message | Should -Not -BeLike '*FileSystem::*'
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

    It 'says -Path takes wildcards (it resolves them to one path), in the parameter and in its help' {
        $path = (Get-Command Write-OfflineDataFile).Parameters['Path']
        @($path.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count | Should -Be 1
        (Get-Help Write-OfflineDataFile -Parameter Path).globbing | Should -Be 'true'
        (Get-Help Write-OfflineDataFile -Parameter LiteralPath).globbing | Should -Be 'false'
    }

    It 'has help with at least two examples' {
        @((Get-Help Write-OfflineDataFile -Full).examples.example).Count | Should -BeGreaterOrEqual 2
    }
}
