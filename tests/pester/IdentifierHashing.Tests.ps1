#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Issue 12, identifier hashing as a user runs it: Convert-OfflineDataFile, Export-OfflineData and Export-AdobeDataSource
# with -HashColumn/-HashProfile/-DefaultRegion/-HashEncoding; an invalid email or phone is a rejected row with its code
# and its raw value reaches no reject file, warning, verbose or error output unless -IncludeRawValue. The rules
# themselves are pinned one by one in tests/OfflineData.Core.Tests/Hashing.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    function Get-Sha256Hex([string] $Text) {
        $sha = [System.Security.Cryptography.SHA256]::Create()
        try { -join ($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($Text)) | ForEach-Object { $_.ToString('x2') }) } finally { $sha.Dispose() }
    }

    function New-Folder { (New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid().ToString('N')))).FullName }

    # A till export with an email and a phone column: one good row, one bad email, one bad phone.
    function New-ContactSource([string] $Folder) {
        $path = Join-Path $Folder 'contacts.csv'
        Set-Content -LiteralPath $path -Value @(
            'Time;Email;Phone;Product;Amount'
            '2025-03-01 09:14:05;John.Smith+shop@gmail.com;070-123 45 67;SKU-4711;899.00'
            '2025-03-01 09:31:44;secret-not-an-email;+46 70 765 43 21;SKU-1202;1499.50'
            '2025-03-01 09:40:00;mary@example.com;12345-secret;SKU-1202;10.00'
        )
        $path
    }

    $script:contactMap = @{ Timestamp = 'Time'; CustomerId = 'Email'; Var3 = 'Phone'; EventName = 'Product'; Num2 = 'Amount' }
    $script:contactConstant = @{ EventType = 7; Num1 = 1 }
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Convert-OfflineDataFile -HashColumn' {
    It 'writes the email (Google: gmail dots and +tag removed) and the Swedish phone (+46701234567) as SHA-256 hex' {
        $folder = New-Folder
        $source = New-ContactSource $folder
        $result = Convert-OfflineDataFile -LiteralPath $source -Destination (Join-Path $folder 'out.csv') -ColumnMap $contactMap -Constant $contactConstant `
            -HashColumn @{ CustomerId = 'Email'; Var3 = 'Phone' } -HashProfile Google -DefaultRegion SE -WarningAction SilentlyContinue
        $result.RowsWritten | Should -Be 1
        $row = Import-Csv -LiteralPath (Join-Path $folder 'out.csv') -Delimiter ';'
        $row.'Customer ID' | Should -Be (Get-Sha256Hex 'johnsmith@gmail.com')
        $row.Var3 | Should -Be (Get-Sha256Hex '+46701234567')
    }

    It 'hashes Meta phones without the plus' {
        $folder = New-Folder
        $source = New-ContactSource $folder
        $null = Convert-OfflineDataFile -LiteralPath $source -Destination (Join-Path $folder 'out.csv') -ColumnMap $contactMap -Constant $contactConstant `
            -HashColumn @{ Var3 = 'Phone' } -HashProfile Meta -DefaultRegion se -WarningAction SilentlyContinue
        (Import-Csv -LiteralPath (Join-Path $folder 'out.csv') -Delimiter ';')[0].Var3 | Should -Be (Get-Sha256Hex '46701234567')
    }

    It 'rejects an invalid email and phone with their codes and never shows the raw values' {
        $folder = New-Folder
        $source = New-ContactSource $folder
        $output = Convert-OfflineDataFile -LiteralPath $source -Destination (Join-Path $folder 'out.csv') -ColumnMap $contactMap -Constant $contactConstant `
            -HashColumn @{ CustomerId = 'Email'; Var3 = 'Phone' } -HashProfile Google -DefaultRegion SE -Verbose *>&1
        $result = $output | Where-Object { $_.PSObject.TypeNames[0] -eq 'OfflineData.Core.Conversion.ConversionResult' }
        $result.RowsRejected | Should -Be 2
        $result.RejectReasons['InvalidEmail'] | Should -Be 1
        $result.RejectReasons['InvalidPhone'] | Should -Be 1
        $messages = ($output | Where-Object { $_.PSObject.TypeNames[0] -ne 'OfflineData.Core.Conversion.ConversionResult' } | Out-String)
        $messages | Should -Match 'InvalidEmail \(412\)'
        $rejects = Get-Content -Raw -LiteralPath $result.RejectPath
        $rejects | Should -Match 'InvalidPhone \(413\)'
        foreach ($raw in 'secret', 'mary@example.com', '070-123 45 67', '+46 70 765 43 21') {
            $messages | Should -Not -Match ([regex]::Escape($raw))
            $rejects | Should -Not -Match ([regex]::Escape($raw))
        }
    }

    It 'shows the raw values in the reject file with -IncludeRawValue' {
        $folder = New-Folder
        $source = New-ContactSource $folder
        $result = Convert-OfflineDataFile -LiteralPath $source -Destination (Join-Path $folder 'out.csv') -ColumnMap $contactMap -Constant $contactConstant `
            -HashColumn @{ CustomerId = 'Email'; Var3 = 'Phone' } -HashProfile Google -DefaultRegion SE -IncludeRawValue -WarningAction SilentlyContinue
        Get-Content -Raw -LiteralPath $result.RejectPath | Should -Match 'secret-not-an-email'
    }

    It 'refuses <Case> with a parameter error before reading anything' -ForEach @(
        @{ Case = 'a column that cannot be hashed'; Extra = @{ HashColumn = @{ Num1 = 'Email' }; HashProfile = 'Meta' }; Message = "'Num1' is not a column that can be hashed"; Target = 'Num1' }
        @{ Case = 'a kind that does not exist'; Extra = @{ HashColumn = @{ CustomerId = 'Mail' }; HashProfile = 'Meta' }; Message = "which is no kind; use Email, Phone, Name or Text"; Target = 'CustomerId' }
        @{ Case = '-HashColumn without -HashProfile'; Extra = @{ HashColumn = @{ CustomerId = 'Email' } }; Message = '-HashColumn needs -HashProfile' }
        @{ Case = 'an unknown region'; Extra = @{ HashColumn = @{ Var3 = 'Phone' }; HashProfile = 'Google'; DefaultRegion = 'XQ' }; Message = "'XQ' is not a region"; Target = 'XQ' }
        @{ Case = 'Base64 for Meta'; Extra = @{ HashColumn = @{ Var3 = 'Phone' }; HashProfile = 'Meta'; HashEncoding = 'Base64' }; Message = "Base64 hashes are Google's option only" }
        @{ Case = 'a hashed column -ColumnMap never fills'; Extra = @{ HashColumn = @{ Var2 = 'Phone' }; HashProfile = 'Google' }; Message = "hashes 'Var2', but neither -ColumnMap nor -Constant fills it"; Target = 'Var2' }
    ) {
        $folder = New-Folder
        $source = New-ContactSource $folder
        $err = { Convert-OfflineDataFile -LiteralPath $source -Destination (Join-Path $folder 'out.csv') -ColumnMap $contactMap -Constant $contactConstant @Extra } |
            Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidHashing,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike "*$Message*"
        $err.Exception.Message | Should -Not -Match '\(Parameter '
        if ($Target) { $err.TargetObject | Should -Be $Target }
        Test-Path -LiteralPath (Join-Path $folder 'out.csv') | Should -BeFalse
    }

    It 'hashes a column -Constant fills (no -ColumnMap entry needed)' {
        $folder = New-Folder
        $source = New-ContactSource $folder
        $out = Join-Path $folder 'const.csv'
        $null = Convert-OfflineDataFile -LiteralPath $source -Destination $out -ColumnMap $contactMap -Constant ($contactConstant + @{ Var2 = 'Store 12' }) -HashColumn @{ Var2 = 'Text' } -HashProfile Google -WarningAction SilentlyContinue
        $row = (Get-Content -LiteralPath $out -Encoding utf8)[1] -split ';'
        $row[8] | Should -Match '^[0-9a-f]{64}$'
    }

    It 'completes the kinds and the regions' {
        $line = 'Convert-OfflineDataFile -HashColumn Ph'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'Phone'
        $line = 'Convert-OfflineDataFile -DefaultRegion s'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'SE'
        $line = 'Export-OfflineData -HashProfile '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('Google', 'Meta')
    }
}

Describe 'Exports with -HashColumn' {
    BeforeAll {
        $folder = New-Folder
        $store = Join-Path $folder 'store.db'
        $file = Join-Path $folder 'rows.csv'
        Set-Content -LiteralPath $file -Value @(
            '2024-05-25 12:00:00;John.Smith@gmail.com;7;;SKU1;1;10;;;+46 70 123 45 67'
            '2024-05-25 12:01:00;secret-not-an-email;7;;SKU1;1;10;;;070-123 45 67'
        )
        $null = Import-OfflineData -LiteralPath $file -ReportSuite acme.prod -Store $store
    }

    It 'Export-OfflineData writes the hashed columns, counts the invalid row as rejected and warns without its value' {
        $out = New-Folder
        $results = Export-OfflineData -ReportSuite acme.prod -From 2024-05-01 -To 2024-06-01 -OutputFolder $out -Store $store `
            -HashColumn @{ CustomerId = 'Email'; Var3 = 'Phone' } -HashProfile Meta -WarningVariable warnings -WarningAction SilentlyContinue
        $results.Rows | Should -Be 1
        $results.Rejected | Should -Be 1
        $fields = (Get-Content -LiteralPath $results.Path | Select-Object -Skip 1) -split ';'
        $fields[1] | Should -Be (Get-Sha256Hex 'john.smith@gmail.com')
        $fields[9] | Should -Be (Get-Sha256Hex '46701234567')
        "$warnings" | Should -Match 'InvalidEmail'
        "$warnings" | Should -Not -Match 'secret'
        Get-ChildItem -LiteralPath $out -Recurse -File | Get-Content -Raw | Should -Not -Match 'secret'
        # The stored rows are untouched, and the same export unhashed is another export in the ledger: written, not Skipped.
        (Get-OfflineData -ReportSuite acme.prod -Store $store).CustomerId | Should -Contain 'John.Smith@gmail.com'
        $plain = Export-OfflineData -ReportSuite acme.prod -From 2024-05-01 -To 2024-06-01 -OutputFolder $out -Store $store
        $plain.Status | Should -Be 'Written'
        (Get-Content -LiteralPath $plain.Path | Select-Object -Skip 1) -split ';' | Should -Contain 'John.Smith@gmail.com'
    }

    It 'Export-AdobeDataSource sends a stored transaction ID hashed when its column is hashed' {
        $idStore = Join-Path (New-Folder) 'ids.db'
        $idFile = Join-Path (New-Folder) 'ids.csv'
        Set-Content -LiteralPath $idFile -Value '2024-05-25 12:00:00;C1;7;;SKU1;1;10;;;;;;;;;;;;;;;;T-Secret-1'
        $null = Import-OfflineData -LiteralPath $idFile -ReportSuite acme.prod -Store $idStore -WarningAction SilentlyContinue
        $rows = Get-OfflineData -ReportSuite acme.prod -Store $idStore
        $rows[0].TransactionId | Should -Be 'T-Secret-1'
        $out = New-Folder
        $files = $rows | Export-AdobeDataSource -OutputFolder $out -HashColumn @{ TransactionAttr1 = 'Text' } -HashProfile Meta
        $header, $line = Get-Content -LiteralPath $files[0].FullName
        $line.Split("`t")[[array]::IndexOf($header.Split("`t"), 'transactionID')] | Should -Be (Get-Sha256Hex 't-secret-1')
        Get-Content -Raw -LiteralPath $files[0].FullName | Should -Not -Match 'Secret'
    }

    It 'Export-AdobeDataSource writes Base64 hashes for Google and rejects the invalid row by its code with no raw row' {
        $out = New-Folder
        $records = Get-OfflineData -ReportSuite acme.prod -Store $store
        $files = $records | Export-AdobeDataSource -OutputFolder $out -Template CustomerId -HashColumn @{ CustomerId = 'Email' } -HashProfile Google -HashEncoding Base64 `
            -ErrorVariable errors -ErrorAction SilentlyContinue
        $sha = [System.Security.Cryptography.SHA256]::Create()
        $expected = [Convert]::ToBase64String($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes('johnsmith@gmail.com')))
        $line = (Get-Content -LiteralPath $files[0].FullName)[1]
        ($line -split "`t")[1] | Should -Be $expected
        $errors.Count | Should -Be 1
        "$errors" | Should -Match 'InvalidEmail 1'
        Get-ChildItem -LiteralPath $out -File | Get-Content -Raw | Should -Not -Match 'secret'
        # The piped records keep their own values.
        $records.CustomerId | Should -Contain 'secret-not-an-email'
    }
}

Describe 'A hashed file sent with Send-OfflineDataFile' {
    It 'still leaves out the rows of a customer whose opt-out is recorded by the raw ID' {
        $folder = New-Folder
        $source = Join-Path $folder 'contacts.csv'
        Set-Content -LiteralPath $source -Value @(
            'Time;Email;Product;Amount'
            '2025-03-01 09:14:05;John.Smith+shop@gmail.com;SKU-4711;899.00'
            '2025-03-01 09:31:44;mary@example.com;SKU-1202;1499.50'
        )
        $hashed = Join-Path $folder 'hashed.csv'
        $null = Convert-OfflineDataFile -LiteralPath $source -Destination $hashed -ColumnMap @{ Timestamp = 'Time'; CustomerId = 'Email'; EventName = 'Product'; Num2 = 'Amount' } `
            -Constant $contactConstant -HashColumn @{ CustomerId = 'Email' } -HashProfile Google
        $store = Join-Path $folder 'store.db'
        $null = 'John.Smith+shop@gmail.com' | Import-OfflineDataConsent -Store $store
        $drop = New-Folder

        $result = Send-OfflineDataFile -LiteralPath $hashed -Destination $drop -Store $store

        $result.Status | Should -Be 'Sent'
        $result.SuppressedRows | Should -Be 1
        $arrived = Import-Csv -LiteralPath (Join-Path $drop 'hashed.csv') -Delimiter ';'
        @($arrived).Count | Should -Be 1
        $arrived.'Customer ID' | Should -Be (Get-Sha256Hex 'mary@example.com')
    }
}
