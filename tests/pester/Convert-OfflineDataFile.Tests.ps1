#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $tillExport = Join-Path $repoRoot 'examples/till-export-sv.csv'
    $utf8 = [Text.UTF8Encoding]::new($false)
    $commandId = 'OfflineData.Commands.ConvertOfflineDataFileCommand'

    $tillArguments = @{
        Encoding        = 'windows-1252'
        Culture         = 'sv-SE'
        TimestampFormat = 'yyyy-MM-dd HH:mm'
        SourceTimeZone  = 'Europe/Stockholm'
        ColumnMap       = @{ Timestamp = 'Datum'; CustomerId = 'Kundnummer'; EventName = 'Artikelnummer'; Category = 'Kategori'; Num1 = 'Antal'; Num2 = 'Belopp'; Var1 = 'Stad'; Var2 = 'Butik'; TransactionAttributes = @('Kvittonummer') }
        Constant        = @{ EventType = 7 }
    }
    $simple = @(
        'Timestamp,CustomerId,EventType,EventName,Num1,Num2'
        '2024-05-25 12:00:00,C1,7,SKU1,2,10.5'
        '2024-05-25 12:01:00,C2,7,SKU2,1,1500'
    )
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Convert-OfflineDataFile' {
    Context 'The bundled till export' {
        BeforeAll {
            $destination = Join-Path $TestDrive 'till.csv'
            $result = Convert-OfflineDataFile -Path $tillExport -Destination $destination @tillArguments -WarningVariable warnings -WarningAction SilentlyContinue
        }

        It 'returns one result with exact counts' {
            $result | Should -BeOfType 'OfflineData.Core.Conversion.ConversionResult, OfflineData.Core'
            $result.RowsRead | Should -Be 12
            $result.RowsWritten | Should -Be 9
            $result.RowsRejected | Should -Be 3
            $result.Encoding | Should -Be 'windows-1252'
            $result.Delimiter | Should -Be ','
            $result.UnmappedColumns | Should -Be @('Kassör')
            $warnings.Count | Should -Be 1
        }

        It 'writes a file that Test-OfflineDataFile passes with zero errors' {
            $report = Test-OfflineDataFile -LiteralPath $destination
            $report.IsValid | Should -BeTrue
            $report.ErrorCount | Should -Be 0
            $report.RowCount | Should -Be 9
        }

        It 'writes UTF-8 without BOM, ";" and decimal points' {
            $bytes = [IO.File]::ReadAllBytes($destination)
            $bytes[0] | Should -Not -Be 0xEF
            $text = [IO.File]::ReadAllText($destination, $utf8)
            $text | Should -Match '2024-03-30 09:47:00;100871;7;Väskor;SKU-2290;2;1249\.50;Malmö;Butik 12;'
            $text | Should -Match ';"Strumpor ""3-pack""";'
        }

        It 'keeps each rejected row with its line and reason in the source format' {
            $result.RejectPath | Should -Be (Join-Path $TestDrive 'till.rejects.csv')
            $lines = [IO.File]::ReadAllLines($result.RejectPath, [Text.Encoding]::GetEncoding(1252))
            $lines.Count | Should -Be 4
            $lines[0] | Should -BeLike 'Datum,Kundnummer,*,RejectEntry,RejectLine,RejectCode,RejectReason'
            ($lines | Where-Object { $_ -like '*,,7,EmptyMandatoryValue (402),*' }) | Should -Not -BeNullOrEmpty
            ($lines | Where-Object { $_ -like '*,,9,NonexistentLocalTime (406),*' }) | Should -Not -BeNullOrEmpty
            ($lines | Where-Object { $_ -like '*"500,00 kr"*,,12,InvalidNumber (404),*' }) | Should -Not -BeNullOrEmpty
        }
    }

    Context 'Safety' {
        It 'writes nothing under -WhatIf but reads the source and reports the counts' {
            $source = New-TestFile 'whatif.csv' ($simple + '2024-05-25 12:02:00,C3,7,SKU3,x,1')
            $destination = Join-Path $TestDrive 'whatif-out.csv'
            $output = Convert-OfflineDataFile $source $destination -WhatIf -Verbose 4>&1
            Test-Path -LiteralPath $destination | Should -BeFalse
            Test-Path -LiteralPath (Join-Path $TestDrive 'whatif-out.rejects.csv') | Should -BeFalse
            ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*Write 2 of 3 row(s)*reject 1 row(s)*' }) | Should -Not -BeNullOrEmpty
        }

        It 'returns under -WhatIf one result per source with the counts a real run would have, writing nothing' {
            $source = New-TestFile 'whatif-result.csv' ($simple + '2024-05-25 12:02:00,C3,7,SKU3,x,1')
            $destination = Join-Path $TestDrive 'whatif-result-out.csv'
            $before = @(Get-ChildItem -LiteralPath $TestDrive -Force -Recurse).FullName

            $dryRun = @(Convert-OfflineDataFile $source $destination -WhatIf)

            $dryRun.Count | Should -Be 1
            $dryRun[0] | Should -BeOfType 'OfflineData.Core.Conversion.ConversionResult, OfflineData.Core'
            $dryRun[0].WhatIf | Should -BeTrue
            $dryRun[0].Destination | Should -Be $destination
            $dryRun[0].RowsRead | Should -Be 3
            $dryRun[0].RowsWritten | Should -Be 2
            $dryRun[0].RowsRejected | Should -Be 1
            $dryRun[0].RejectReasons['InvalidNumber'] | Should -Be 1
            $dryRun[0].RejectPath | Should -Be (Join-Path $TestDrive 'whatif-result-out.rejects.csv')
            # No destination, reject file or temporary file appeared.
            @(Get-ChildItem -LiteralPath $TestDrive -Force -Recurse).FullName | Should -Be $before

            # What a pipeline sees: filtering and JSON work on the dry run.
            @(Convert-OfflineDataFile $source $destination -WhatIf | Where-Object RowsRejected -gt 0).Count | Should -Be 1
            $json = Convert-OfflineDataFile $source $destination -WhatIf | ConvertTo-Json | ConvertFrom-Json
            $json.WhatIf | Should -BeTrue
            $json.RowsWritten | Should -Be 2
            $json.RejectReasons.InvalidNumber | Should -Be 1

            # The same counts as the real run.
            $real = Convert-OfflineDataFile $source $destination -WarningAction SilentlyContinue
            $real.WhatIf | Should -BeFalse
            foreach ($name in 'RowsRead', 'RowsWritten', 'RowsRejected', 'RejectPath', 'Delimiter', 'Encoding', 'SourceHadHeader') {
                $dryRun[0].$name | Should -Be $real.$name -Because $name
            }
        }

        It 'returns nothing for -PassThru -WhatIf, as no file is written' {
            $source = New-TestFile 'whatif-passthru.csv' $simple
            $destination = Join-Path $TestDrive 'whatif-passthru-out.csv'
            $output = @(Convert-OfflineDataFile $source $destination -WhatIf -PassThru)
            $output.Count | Should -Be 0
            Test-Path -LiteralPath $destination | Should -BeFalse
        }

        It 'refuses to replace an existing destination without -Force' {
            $source = New-TestFile 'force.csv' $simple
            $destination = New-TestFile 'force-out.csv' @('precious')
            $null = Convert-OfflineDataFile $source $destination -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be "DestinationExists,$commandId"
            $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            $errs[0].TargetObject | Should -Be $destination
            Get-Content -LiteralPath $destination | Should -Be 'precious'

            (Convert-OfflineDataFile $source $destination -Force).RowsWritten | Should -Be 2
        }

        It 'refuses the source as its own destination' {
            $source = New-TestFile 'same.csv' $simple
            $null = Convert-OfflineDataFile -LiteralPath $source -Destination $source -Force -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be "SameSourceAndDestination,$commandId"
            (Get-Content -LiteralPath $source -Raw) | Should -Be (($simple -join "`n") + "`n")
        }

        It 'leaves no temporary file behind' {
            $folder = Join-Path $TestDrive 'clean'
            $null = New-Item -ItemType Directory -Path $folder
            $source = New-TestFile 'clean.csv' $simple
            $null = Convert-OfflineDataFile $source (Join-Path $folder 'out.csv')
            (Get-ChildItem -LiteralPath $folder -Force).Name | Should -Be @('out.csv')
        }
    }

    Context 'Sources and values' {
        It 'never creates a file literally named *.csv: a wildcard -Destination names one existing folder or file' {
            $source = New-TestFile 'wild.csv' $simple
            $folder = Join-Path $TestDrive 'wild-out'
            $null = New-Item -ItemType Directory -Path $folder
            $err = { Convert-OfflineDataFile $source (Join-Path $folder '*.csv') -ErrorAction Stop } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "PathNotFound,$commandId"
            $err.TargetObject | Should -Be (Join-Path $folder '*.csv')
            $err.Exception.Message | Should -Match 'give the folder'
            @(Get-ChildItem -LiteralPath $folder -Force).Count | Should -Be 0
            (Convert-OfflineDataFile $source (Join-Path $TestDrive 'wild-ou?')).Destination | Should -Be (Join-Path $folder 'wild.csv')
            (Get-Help Convert-OfflineDataFile -Parameter Destination).globbing | Should -Be 'true'
        }

        It 'refuses -<Name> <Value> while binding, naming the parameter and what it takes, and writes nothing' -TestCases @(
            @{ Name = 'Delimiter'; Value = '::'; Allowed = "'\|'" }
            @{ Name = 'Encoding'; Value = 'klingon'; Allowed = 'windows-1252' }
            @{ Name = 'SourceTimeZone'; Value = 'Mars/Olympus'; Allowed = 'Europe/Stockholm' }
            @{ Name = 'TargetTimeZone'; Value = 'Mars/Olympus'; Allowed = 'Europe/Stockholm' }
        ) {
            param($Name, $Value, $Allowed)
            $source = New-TestFile 'binding.csv' $simple
            $out = Join-Path $TestDrive 'binding-out.csv'
            $arguments = @{ $Name = $Value }
            $err = { Convert-OfflineDataFile $source $out @arguments -ErrorAction Stop } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "ParameterArgumentTransformationError,$commandId"
            $err.Exception.ParameterName | Should -Be $Name
            $err.Exception.Message | Should -Match "parameter '$Name'"
            $err.Exception.Message | Should -Match $Allowed
            $err.Exception.Message | Should -Not -Match "\(Parameter '"
            Test-Path -LiteralPath $out | Should -BeFalse
        }

        It 'takes a tab as "`t", tab or a [char], and a TimeZoneInfo or an Encoding object' {
            $source = New-TestFile 'tabbed.csv' ($simple -replace ',', "`t")
            foreach ($delimiter in "`t", 'tab', [char]9) {
                (Convert-OfflineDataFile $source (Join-Path $TestDrive 'tabbed-out.csv') -Delimiter $delimiter -Force).RowsWritten | Should -Be 2
            }
            $zone = [TimeZoneInfo]::Utc
            (Convert-OfflineDataFile $source (Join-Path $TestDrive 'tabbed-out.csv') -Delimiter tab -SourceTimeZone $zone -Encoding ([Text.Encoding]::UTF8) -Force).RowsWritten | Should -Be 2
        }

        It 'refuses a -Culture name the machine does not know, naming the value, and writes nothing' {
            $source = New-TestFile 'culture.csv' $simple
            $out = Join-Path $TestDrive 'culture-out.csv'
            $err = { Convert-OfflineDataFile $source $out -Culture xx-YY -ErrorAction Stop } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "InvalidArgument,$commandId"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.TargetObject | Should -Be 'xx-YY'
            $err.Exception.Message | Should -Match "'xx-YY'"
            $err.Exception.Message | Should -Not -Match 'Parameter'
            Test-Path -LiteralPath $out | Should -BeFalse
            (Convert-OfflineDataFile $source $out -Culture en-us).RowsWritten | Should -Be 2
        }

        It 'converts a legacy-encoded source only with -Encoding' {
            $source = Join-Path $TestDrive 'latin.csv'
            [IO.File]::WriteAllText($source, "Timestamp;CustomerId;EventType;EventName;Num1;Num2;Var1`n2024-05-25 12:00:00;C1;7;S;1;1;Göteborg`n", [Text.Encoding]::GetEncoding(28591))
            $null = Convert-OfflineDataFile $source (Join-Path $TestDrive 'latin-out.csv') -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -Be "SourceNotUtf8,$commandId"
            $errs[0].Exception.Message | Should -Match '-Encoding'
            (Convert-OfflineDataFile $source (Join-Path $TestDrive 'latin-out.csv') -Encoding iso-8859-1).RowsWritten | Should -Be 1
            [IO.File]::ReadAllText((Join-Path $TestDrive 'latin-out.csv'), $utf8) | Should -Match ';Göteborg'
        }

        It 'reads de-DE numbers' {
            $source = New-TestFile 'de.csv' @('Timestamp;CustomerId;EventType;EventName;Num1;Num2', '2024-05-25 12:00:00;C1;7;S;2;1.234,56')
            $null = Convert-OfflineDataFile $source (Join-Path $TestDrive 'de-out.csv') -Culture de-DE
            (Read-OfflineDataFile (Join-Path $TestDrive 'de-out.csv')).Num2 | Should -Be 1234.56
        }

        It 'rejects a local time in the autumn overlap unless told which one' {
            $source = New-TestFile 'ny.csv' @('Timestamp,CustomerId,EventType,EventName,Num1,Num2', '2024-11-03 01:30:00,C1,7,S,1,1', '2024-11-03 12:00:00,C2,7,S,1,1')
            $rejected = Convert-OfflineDataFile $source (Join-Path $TestDrive 'ny-out.csv') -SourceTimeZone America/New_York -TargetTimeZone UTC -WarningAction SilentlyContinue
            $rejected.RejectReasons[[OfflineData.Core.Conversion.ConversionRejectReason, OfflineData.Core]::AmbiguousLocalTime] | Should -Be 1
            $later = Convert-OfflineDataFile $source (Join-Path $TestDrive 'ny-out.csv') -SourceTimeZone America/New_York -TargetTimeZone UTC -AmbiguousTime Later -Force
            $later.RowsWritten | Should -Be 2
            (Read-OfflineDataFile (Join-Path $TestDrive 'ny-out.csv'))[0].Timestamp | Should -Be ([datetime]'2024-11-03 06:30:00')
        }

        It 'converts every file from Get-ChildItem into a folder' {
            $in = Join-Path $TestDrive 'in'
            $out = Join-Path $TestDrive 'out'
            $null = New-Item -ItemType Directory -Path $in, $out
            [IO.File]::WriteAllText((Join-Path $in 'a.csv'), (($simple -join "`n") + "`n"), $utf8)
            [IO.File]::WriteAllText((Join-Path $in 'b.csv'), (($simple -join "`n") + "`n"), $utf8)
            $results = Get-ChildItem -LiteralPath $in -Filter *.csv | Convert-OfflineDataFile -Destination $out -Compress
            $results.Count | Should -Be 2
            (Get-ChildItem -LiteralPath $out).Name | Should -Be @('a.zip', 'b.zip')
            Get-ChildItem -LiteralPath $out | Test-OfflineDataFile | ForEach-Object { $_.IsValid | Should -BeTrue }
        }

        It 'pads a short rejected row so the reason columns stay under their names' {
            $source = New-TestFile 'short.csv' @('Datum,Kund,Artikel,Antal,Belopp', '2024-05-25 12:00:00,C1,S,1,1', '2024-05-25 12:01:00,C2,S')
            $result = Convert-OfflineDataFile $source (Join-Path $TestDrive 'short-out.csv') -ColumnMap @{ Timestamp = 'Datum'; CustomerId = 'Kund'; EventName = 'Artikel'; Num1 = 'Antal'; Num2 = 'Belopp' } -Constant @{ EventType = 7 } -WarningAction SilentlyContinue
            $result.RowsRejected | Should -Be 1
            $lines = [IO.File]::ReadAllLines($result.RejectPath, $utf8)
            $lines[0] | Should -Be 'Datum,Kund,Artikel,Antal,Belopp,RejectEntry,RejectLine,RejectCode,RejectReason'
            $lines[1] | Should -BeLike '2024-05-25 12:01:00,C2,S,,,,3,MissingField (401),*'
        }

        It 'returns the FileInfo with -PassThru' {
            $source = New-TestFile 'pass.csv' $simple
            $file = Convert-OfflineDataFile $source (Join-Path $TestDrive 'pass.zip') -PassThru
            $file | Should -BeOfType ([IO.FileInfo])
            ($file | Test-OfflineDataFile).IsValid | Should -BeTrue
        }
    }

    Context 'Help' {
        It 'has help with at least two examples' {
            $help = Get-Help Convert-OfflineDataFile -Full
            @($help.examples.example).Count | Should -BeGreaterOrEqual 2
            $help.Synopsis | Should -Not -BeNullOrEmpty
        }
    }
}
