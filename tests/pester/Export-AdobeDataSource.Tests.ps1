#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Export-AdobeDataSource as a user runs it: files piped from Get-ChildItem, stored rows piped from Get-OfflineData
# (on each kind of store), -WhatIf, the result in ConvertTo-Json / Export-Csv / Get-Item, and the rejected-row summary
# a nightly script reads.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -SkipImport
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $examples = Join-Path $repoRoot 'examples'
    $sample = Join-Path $examples 'valid-sample.csv'
    $utf8 = [Text.UTF8Encoding]::new($false)
    $header = 'Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2;Var1;Var2;Var3;Var4;Var5;EventName Attr1;EventName Attr2;EventName Attr3;EventName Attr4;EventName Attr5;EventName Attr6;EventName Attr7;EventName Attr8;EventName Attr9;EventName Attr10;EventTransaction Attr1'

    # An offline row with its transaction ID in EventTransaction Attr1.
    function Row([string] $Time, [string] $Customer, [string] $TransactionId, [string] $Category = 'CAT', [string] $Product = 'SKU1') {
        "$Time;$Customer;7;$Category;$Product;1;10.00" + (';' * 16) + $TransactionId
    }

    function New-OutputFolder { Join-Path $TestDrive ('out-' + [guid]::NewGuid().ToString('N').Substring(0, 8)) }
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Export-AdobeDataSource from files' {
    It 'writes the piped file as a transaction ID data source and returns the file' {
        $source = New-TestFile 'till.csv' @($header, (Row '2025-03-01 09:14:05' 'C1' 'ORD-1'), (Row '2025-03-02 10:00:00' 'C2' 'ORD-2' -Product 'Käse'))
        $out = New-OutputFolder
        $result = Get-ChildItem -LiteralPath $source | Export-AdobeDataSource -OutputFolder $out -Prefix till
        $result | Should -BeOfType 'OfflineData.Core.Writing.AdobeDataSources.AdobeDataSourceFile, OfflineData.Core'
        $result.Name | Should -Be 'till_0001.txt'
        $result.Rows | Should -Be 2
        $result.Days | Should -Be 2
        $result.FirstDate | Should -Be ([datetime]'2025-03-01 09:14:05')
        $result.LastDate | Should -Be ([datetime]'2025-03-02 10:00:00')
        $result.Bytes | Should -Be (Get-Item -LiteralPath $result.FullName).Length
        $text = [IO.File]::ReadAllText($result.FullName, $utf8)
        $text | Should -BeExactly ("Date`ttransactionID`tProduct`tCategory`tQuantity`tPrice`tOrders`n" +
            "03/01/2025/09/14/05`tORD-1`tSKU1`tCAT`t1`t10.00`t1`n" +
            "03/02/2025/10/00/00`tORD-2`tKäse`tCAT`t1`t10.00`t1`n")
        (Get-ChildItem -LiteralPath $out).Name | Should -Be @('till_0001.txt')
    }

    It 'writes records piped from Read-OfflineDataFile once each, not their whole file per record' {
        $out = New-OutputFolder
        $result = Read-OfflineDataFile -Path $sample -EventType 7 | Export-AdobeDataSource -OutputFolder $out -Template CustomerId -Prefix read
        $result.Rows | Should -Be 8
        ([IO.File]::ReadAllLines($result.FullName) | Select-Object -Skip 1 | ForEach-Object { ($_ -split "`t")[1] }) |
            Should -Be @('CUST-10001', 'CUST-10002', 'CUST-10003', 'CUST-10001', 'CUST-10005', 'CUST-10002', 'CUST-10007', 'CUST-10003')
    }

    It 'shows a table of name, rows, days, dates and bytes' {
        $out = New-OutputFolder
        $text = Export-AdobeDataSource -Path $sample -OutputFolder $out -Template CustomerId -Prefix view | Out-String -Width 200
        $text | Should -Match 'Name\s+Rows\s+Days\s+FirstDate\s+LastDate\s+Bytes'
        $text | Should -Match 'view_0001\.txt\s+10\s+1\s+2025-03-01 09:14:05\s+2025-03-01 17:22:16\s+\d+'
    }

    It 'binds its output to -LiteralPath of file cmdlets by PSPath, and converts to JSON and CSV' {
        $out = New-OutputFolder
        $result = Export-AdobeDataSource -Path $sample -OutputFolder $out -Template CustomerId -Prefix bind
        ($result | Get-Item).FullName | Should -Be $result.FullName
        $json = $result | ConvertTo-Json | ConvertFrom-Json
        $json.Name | Should -Be 'bind_0001.txt'
        $json.Rows | Should -Be 10
        $json.PSPath | Should -BeLike '*FileSystem::*bind_0001.txt'
        $csvPath = Join-Path $TestDrive 'files.csv'
        $result | Export-Csv -LiteralPath $csvPath
        $csv = Import-Csv -LiteralPath $csvPath
        $csv.FullName | Should -Be $result.FullName
        $csv.Days | Should -Be '1'
    }

    It 'writes canonical header spellings from -Map and refuses an unknown header with the supported list' {
        $out = New-OutputFolder
        $result = Export-AdobeDataSource -Path $sample -OutputFolder $out -Template CustomerId -Prefix map -Map ([ordered]@{ EVAR1 = 'Var1'; 'event 5' = 'Num1'; Orders = $null })
        ([IO.File]::ReadAllLines($result.FullName))[0] | Should -BeExactly "Date`tVisitorID`tProduct`tCategory`tQuantity`tPrice`tEvar 1`tEvent 5"
        $thrown = { Export-AdobeDataSource -Path $sample -OutputFolder $out -Prefix bad -Map @{ prop1 = 'Var1' } } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidAdobeMapping,*'
        $thrown.Exception.Message | Should -Match 'Evar 1\.\.Evar 250'
        Test-Path -LiteralPath (Join-Path $out 'bad_0001.txt') | Should -BeFalse
    }

    It 'refuses a mapping whose header row alone is over the row limit, before writing anything' {
        $out = New-OutputFolder
        $thrown = { Export-AdobeDataSource -Path $sample -OutputFolder $out -Prefix wide -MaxRowSize 64 -Map @{ eVar1 = 'Var1' } } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidAdobeMapping,*'
        $thrown.Exception.Message | Should -Match 'header row alone takes 65 bytes'
        Test-Path -LiteralPath $out | Should -BeFalse
    }

    It 'rejects rows with their code, file, entry and line, and ends with one AdobeRowsRejected error' {
        $out = New-OutputFolder
        $zip = Join-Path $examples 'valid-sample.zip'
        $result = Export-AdobeDataSource -LiteralPath $zip -OutputFolder $out -Prefix zip -ErrorVariable rejected -ErrorAction SilentlyContinue
        $result.Rows | Should -Be 6
        $rejected.Count | Should -Be 1
        $rejected[0].FullyQualifiedErrorId | Should -BeLike 'AdobeRowsRejected,*'
        $rejected[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $rejected[0].Exception.RejectCounts['AdobeTransactionIdMissing'] | Should -Be 4
        $rejected[0].Exception.RowsWritten | Should -Be 6
        $rejected[0].TargetObject | Should -Be (Join-Path $out 'zip_rejects.csv')
        $rows = Import-Csv -LiteralPath $rejected[0].Exception.RejectPath
        $rows.Count | Should -Be 4
        $rows[0].Path | Should -Be $zip
        $rows[0].Entry | Should -Be 'valid-sample.csv'
        $rows[0].Line | Should -Be '4'
        $rows[0].Code | Should -Be 'AdobeTransactionIdMissing'
        $rows[0].Row | Should -BeLike '2025-03-01 10:02:17;CUST-10003;7;SOCKS;*'
    }

    It 'rejects rows with validation errors with the validator''s code' {
        $out = New-OutputFolder
        $null = Export-AdobeDataSource -Path (Join-Path $examples 'invalid-sample.csv') -OutputFolder $out -Prefix bad -Template CustomerId -ErrorVariable rejected -ErrorAction SilentlyContinue
        $counts = $rejected | Where-Object FullyQualifiedErrorId -Like 'AdobeRowsRejected,*' | ForEach-Object { $_.Exception.RejectCounts }
        $counts['InvalidTimestamp'] | Should -BeGreaterThan 0
        $counts['AdobeFutureDate'] | Should -Be 1
        $codes = (Import-Csv -LiteralPath (Join-Path $out 'bad_rejects.csv')).Code
        $codes | Should -Contain 'EmptyMandatoryField'
    }

    It 'replaces a semicolon in a dimension on request instead of rejecting the row' {
        $source = New-TestFile 'semi.csv' @($header, (Row '2025-03-01 09:14:05' 'C1' 'ORD-1' -Category '"A;B"'))
        $out = New-OutputFolder
        $result = Export-AdobeDataSource -Path $source -OutputFolder $out -Prefix semi -ReplaceSemicolon '/'
        ([IO.File]::ReadAllLines($result.FullName))[1] | Should -Match "`tA/B`t"
    }

    It 'splits at -MaxDays into files whose names sort in creation order' {
        $lines = @($header) + (1..12 | ForEach-Object { Row ('2025-03-{0:00} 09:00:00' -f $_) "C$_" "ORD-$_" })
        $source = New-TestFile 'days.csv' $lines
        $out = New-OutputFolder
        $result = Export-AdobeDataSource -Path $source -OutputFolder $out -Prefix days -MaxDays 5
        $result.Name | Should -Be @('days_0001.txt', 'days_0002.txt', 'days_0003.txt')
        $result.Days | Should -Be @(5, 5, 2)
        (Get-ChildItem -LiteralPath $out -Filter '*.txt' | Sort-Object Name).Name | Should -Be $result.Name
    }

    It 'refuses more than 90 days per file' {
        { Export-AdobeDataSource -Path $sample -OutputFolder (New-OutputFolder) -MaxDays 91 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,OfflineData.Commands.ExportAdobeDataSourceCommand'
    }

    It 'writes nothing under -WhatIf, returns nothing, and warns what would be rejected' {
        $out = New-OutputFolder
        $result = Export-AdobeDataSource -Path $sample -OutputFolder $out -Prefix dry -WhatIf -WarningVariable warned -WarningAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        Test-Path -LiteralPath $out | Should -BeFalse
        $warned.Count | Should -Be 1
        [string]$warned[0] | Should -Match 'AdobeTransactionIdMissing 4'
    }

    It 'does not overwrite an existing file without -Force, and replaces it with -Force' {
        $out = New-OutputFolder
        $null = New-Item -ItemType Directory -Path $out
        Set-Content -LiteralPath (Join-Path $out 'keep_0001.txt') -Value 'keep'
        { Export-AdobeDataSource -Path $sample -OutputFolder $out -Template CustomerId -Prefix keep -ErrorAction Stop } | Should -Throw -ErrorId 'DestinationExists,OfflineData.Commands.ExportAdobeDataSourceCommand'
        Get-Content -LiteralPath (Join-Path $out 'keep_0001.txt') | Should -Be 'keep'
        (Export-AdobeDataSource -Path $sample -OutputFolder $out -Template CustomerId -Prefix keep -Force).Rows | Should -Be 10
    }
}

Describe 'Export-AdobeDataSource from stored rows on <StoreKind>' -ForEach $OfflineDataStoreKinds {
    BeforeAll {
        $skipBecause = Get-TestStoreSkipReason $StoreKind
    }

    BeforeEach {
        if ($skipBecause) { Set-ItResult -Skipped -Because $skipBecause }
    }

    AfterAll {
        Remove-TestStores
    }

    It 'writes the rows piped from Get-OfflineData with the transaction ID their import matched with' {
        $store = New-TestStore $StoreKind
        # The import reads the transaction ID from column 24 (the till receipt number): the export takes it from the stored row.
        $null = Import-OfflineData -Path $sample -ReportSuite acme.prod -Store $store -TransactionIdColumn 24 -WarningAction SilentlyContinue
        $out = New-OutputFolder
        $result = Get-OfflineData -ReportSuite acme.prod -Store $store | Export-AdobeDataSource -OutputFolder $out -Prefix stored -ErrorVariable rejected -ErrorAction SilentlyContinue
        $result.Rows | Should -Be 6
        $ids = [IO.File]::ReadAllLines($result.FullName) | Select-Object -Skip 1 | ForEach-Object { ($_ -split "`t")[1] } | Sort-Object
        $ids | Should -Be @('POS-02-0001', 'POS-04-0001', 'POS-04-0002', 'POS-12-0001', 'POS-12-0002', 'POS-12-0003')
        $rejected[0].Exception.RejectCounts['AdobeTransactionIdMissing'] | Should -Be 4
    }

    It 'writes stored rows as a customer ID data source' {
        $store = New-TestStore $StoreKind
        $null = Import-OfflineData -Path $sample -ReportSuite acme.prod -Store $store -WarningAction SilentlyContinue
        $out = New-OutputFolder
        $result = Get-OfflineData -ReportSuite acme.prod -Store $store | Export-AdobeDataSource -OutputFolder $out -Prefix crm -Template CustomerId
        $result.Rows | Should -Be 10
        $visitors = [IO.File]::ReadAllLines($result.FullName) | Select-Object -Skip 1 | ForEach-Object { ($_ -split "`t")[1] } | Sort-Object -Unique
        $visitors | Should -Be @('CUST-10001', 'CUST-10002', 'CUST-10003', 'CUST-10004', 'CUST-10005', 'CUST-10006', 'CUST-10007')
    }
}
