#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Import-OfflineDataConsent and Get-OfflineDataConsent in a real pwsh, as a user records last week's opt-outs and checks
# who is held back: files and the pipeline, -WhatIf, located errors, the views, ConvertTo-Json and Export-Csv, completion.
# The default store is a decoy under $TestDrive, so nothing touches the user's own store.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $savedStore = $env:OFFLINEDATA_STORE
    $env:OFFLINEDATA_STORE = Join-Path $TestDrive 'decoy.db'
}

AfterAll {
    $env:OFFLINEDATA_STORE = $savedStore
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Import-OfflineDataConsent' {
    BeforeEach {
        $store = Join-Path $TestDrive ("consent-{0}.db" -f [guid]::NewGuid())
    }

    It 'records a plain list of IDs as opt-outs of collect at the file''s time, once' {
        $list = Join-Path $TestDrive 'optouts.txt'
        "C1`n C2 `n`nC3`n" | Set-Content -LiteralPath $list -NoNewline
        (Get-Item $list).LastWriteTimeUtc = [datetime]::new(2024, 6, 1, 12, 0, 0, [DateTimeKind]::Utc)

        $first = Import-OfflineDataConsent -Path $list -Store $store
        $again = Get-ChildItem -LiteralPath $list | Import-OfflineDataConsent -Store $store

        $first.Recorded | Should -Be 3
        $first.Source | Should -Be $list
        $first.Store | Should -Be $store
        $again.Recorded | Should -Be 0
        $again.AlreadyRecorded | Should -Be 3
        $entries = Get-OfflineDataConsent -Store $store
        @($entries.CustomerId | Sort-Object) | Should -Be @('C1', 'C2', 'C3')
        $entries | ForEach-Object { $_.Scope; $_.Value; $_.Time.UtcDateTime.ToString('o') } | Select-Object -Unique | Should -Be @('collect', 'n', '2024-06-01T12:00:00.0000000Z')
    }

    It 'refuses a file with a bad row as a whole, one located error per bad row, and goes on with the next file' {
        $bad = Join-Path $TestDrive 'bad.csv'
        $good = Join-Path $TestDrive 'good.csv'
        "CustomerId,Scope,Value,Time`nC1,collect,n,2024-05-01T10:00:00Z`nC2,collect,maybe,2024-05-01T10:00:00Z`nC3,collect,n,2024-05-01 10:00`n" | Set-Content -LiteralPath $bad -NoNewline
        "CustomerId,Value,Time`nC4,N,2024-05-01T12:00:00+02:00`n" | Set-Content -LiteralPath $good -NoNewline

        $results = Import-OfflineDataConsent -Path $bad, $good -Store $store -ErrorVariable problems -ErrorAction SilentlyContinue

        $problems.Count | Should -Be 2
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidConsentValue,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].TargetObject | Should -Be $bad
        $problems[0].Exception.Message | Should -BeLike "*bad.csv:3: error InvalidConsentValue (OD601): Column 3 (Value): 'maybe'*Nothing of the file was recorded."
        $problems[1].FullyQualifiedErrorId | Should -BeLike 'InvalidConsentTime,*'
        $results[0].Recorded | Should -Be 0
        $results[0].ErrorCount | Should -Be 2
        $results[0].Findings[1].Line | Should -Be 4
        $results[0].Findings[1].ColumnName | Should -Be 'Time'
        $results[1].Recorded | Should -Be 1
        (Get-OfflineDataConsent -Store $store).CustomerId | Should -Be 'C4'
        (Get-OfflineDataConsent -Store $store).Time.UtcDateTime | Should -Be ([datetime]::new(2024, 5, 1, 10, 0, 0, [DateTimeKind]::Utc))
    }

    It 'takes strings and objects from the pipeline as one batch, leaving out a bad object with an error' {
        $result = @(
            'P1'
            [pscustomobject]@{ CustomerId = 'P2'; Scope = 'Marketing.Email'; Value = 'n'; Time = '2024-05-01T10:00:00Z' }
            [pscustomobject]@{ CustomerId = 'P3'; Value = 'maybe' }
            [pscustomobject]@{ Name = 'no id' }
        ) | Import-OfflineDataConsent -Store $store -ErrorVariable problems -ErrorAction SilentlyContinue

        $result.Source | Should -Be 'pipeline'
        $result.Recorded | Should -Be 2
        $problems.Count | Should -Be 2
        $problems | ForEach-Object { $_.FullyQualifiedErrorId } | Should -BeLike 'InvalidConsentEntry,*'
        $problems[1].TargetObject.Name | Should -Be 'no id'
        (Get-OfflineDataConsent -Store $store -CustomerId P2).Scope | Should -Be 'marketing.email'
    }

    It 'records nothing and creates no store under -WhatIf, but still says what is wrong in a file' {
        $list = Join-Path $TestDrive 'whatif.csv'
        "CustomerId,Value,Time`nW1,n,`n" | Set-Content -LiteralPath $list -NoNewline

        $out = Import-OfflineDataConsent -Path $list -Store $store -WhatIf -ErrorVariable problems -ErrorAction SilentlyContinue
        'W2' | Import-OfflineDataConsent -Store $store -WhatIf

        $out | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidConsentTime,*'
        Test-Path -LiteralPath $store | Should -BeFalse
    }
}

Describe 'Import-OfflineDataConsent with other delimiters, -WhatIf and round trips' {
    BeforeEach {
        $store = Join-Path $TestDrive ("rt-{0}.db" -f [guid]::NewGuid())
        $other = Join-Path $TestDrive ("other-{0}.db" -f [guid]::NewGuid())
        $exe = (Get-Process -Id $PID).Path
        [string[]] $prefix = if ($exe -notmatch 'pwsh') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
    }

    It 'reads a semicolon- or tab-separated consent CSV by its header, and refuses a misread ID list' {
        $semi = Join-Path $TestDrive 'semi.csv'
        "CustomerId;Value;Time`nC1;n;2024-05-01T10:00:00Z`n" | Set-Content -LiteralPath $semi -NoNewline
        $tab = Join-Path $TestDrive 'tab.csv'
        "CustomerId`tValue`tTime`nC2`tn`t2024-05-01T10:00:00Z`n" | Set-Content -LiteralPath $tab -NoNewline
        $bad = Join-Path $TestDrive 'misread.txt'
        "Kund;Varde`nC3;n`n" | Set-Content -LiteralPath $bad -NoNewline

        $read = Import-OfflineDataConsent -Path $semi, $tab -Store $store
        $null = Import-OfflineDataConsent -Path $bad -Store $store -ErrorVariable problems -ErrorAction SilentlyContinue

        $read.Recorded | Should -Be @(1, 1)
        @(Get-OfflineDataConsent -Store $store).CustomerId | Sort-Object | Should -Be @('C1', 'C2')
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MissingConsentColumn,*'
    }

    It 'says nothing would be recorded under -WhatIf when the file has bad rows, and names the column' {
        $file = Join-Path $TestDrive 'bad.csv'
        "CustomerId,Value,Time`nW1,x,2024-05-01T10:00:00Z`n" | Set-Content -LiteralPath $file -NoNewline
        $good = Join-Path $TestDrive 'good.csv'
        "CustomerId,Value,Time`nW1,n,2024-05-01T10:00:00Z`n" | Set-Content -LiteralPath $good -NoNewline

        $command = "Import-Module '$OfflineDataManifestPath'; Import-OfflineDataConsent -Path '$file', '$good' -Store '$store' -WhatIf"
        $plan = (& $exe @prefix -NoProfile -NonInteractive -OutputFormat Text -Command $command 2>&1) -join "`n"

        $plan | Should -Not -Match "What if: .*bad\.csv"
        $plan | Should -Match "What if: Recording the 1 consent entry of '.*good\.csv'"
        $plan | Should -Match 'InvalidConsentValue.*Column 2 \(Value\)'
        Test-Path -LiteralPath $store | Should -BeFalse
    }

    # Export-Csv writes a time to the second (with its offset); ConvertTo-Json keeps the fraction.
    It 'restores a backup written by Export-Csv, and by Select-Object | Export-Csv' {
        @(
            [pscustomobject]@{ CustomerId = 'A'; Value = 'n'; Time = '2024-05-01T10:00:00+02:00' }
            [pscustomobject]@{ CustomerId = 'B'; Scope = 'marketing.email'; Value = 'y'; Time = '2024-05-02T10:00:00Z' }
        ) | Import-OfflineDataConsent -Store $store
        $all = Join-Path $TestDrive 'all.csv'
        $some = Join-Path $TestDrive 'some.csv'
        Get-OfflineDataConsent -Store $store | Export-Csv -LiteralPath $all
        Get-OfflineDataConsent -Store $store | Select-Object CustomerId, Scope, Value, Time | Export-Csv -LiteralPath $some

        $restored = Import-OfflineDataConsent -Path $all -Store $other
        $again = Import-OfflineDataConsent -Path $some -Store $other
        $piped = Import-Csv -LiteralPath $all | Import-OfflineDataConsent -Store $other

        $restored.Recorded | Should -Be 2
        $again.AlreadyRecorded | Should -Be 2
        $piped.AlreadyRecorded | Should -Be 2
        $copy = Get-OfflineDataConsent -Store $other | Sort-Object CustomerId
        $copy | ForEach-Object { '{0} {1} {2} {3:o}' -f $_.CustomerId, $_.Scope, $_.Value, $_.Time.UtcDateTime } |
            Should -Be @('A collect n 2024-05-01T08:00:00.0000000Z', 'B marketing.email y 2024-05-02T10:00:00.0000000Z')
    }

    It 'records piped entries into -Store, else OFFLINEDATA_STORE, never into the store they were read from' {
        'J1' | Import-OfflineDataConsent -Store $store
        $json = Get-OfflineDataConsent -Store $store | ConvertTo-Json

        $copied = $json | ConvertFrom-Json | Import-OfflineDataConsent -Store $other -ErrorVariable problems
        $saved = $env:OFFLINEDATA_STORE
        $env:OFFLINEDATA_STORE = Join-Path $TestDrive ("env-{0}.db" -f [guid]::NewGuid())
        try
        {
            $byEnv = Get-OfflineDataConsent -Store $store | Import-OfflineDataConsent
            $byEnv.Store | Should -Be $env:OFFLINEDATA_STORE
            (Get-OfflineDataConsent).CustomerId | Should -Be 'J1'
        }
        finally
        {
            $env:OFFLINEDATA_STORE = $saved
        }

        $problems | Should -BeNullOrEmpty
        $copied.Recorded | Should -Be 1
        (Get-OfflineDataConsent -Store $other).CustomerId | Should -Be 'J1'
        @(Get-OfflineDataConsent -Store $store -History) | Should -HaveCount 1
    }
}

Describe 'Get-OfflineDataConsent' {
    BeforeAll {
        $store = Join-Path $TestDrive 'read.db'
        @(
            [pscustomobject]@{ CustomerId = 'OUT'; Value = 'n'; Time = '2024-05-01T10:00:00Z' }
            [pscustomobject]@{ CustomerId = 'BACK'; Value = 'n'; Time = '2024-05-01T10:00:00Z' }
            [pscustomobject]@{ CustomerId = 'BACK'; Value = 'y'; Time = '2024-05-02T10:00:00Z' }
            [pscustomobject]@{ CustomerId = 'PEND'; Value = 'p'; Time = '2024-05-03T10:00:00Z' }
            [pscustomobject]@{ CustomerId = 'MAIL'; Scope = 'marketing.email'; Value = 'n'; Time = '2024-05-04T10:00:00Z' }
        ) | Import-OfflineDataConsent -Store $store | Out-Null
    }

    It 'lists the decision that counts per customer and scope, newest first; -History lists every one' {
        (Get-OfflineDataConsent -Store $store).CustomerId | Should -Be @('MAIL', 'PEND', 'BACK', 'OUT')
        (Get-OfflineDataConsent -Store $store -History -CustomerId 'BA*').Value | Should -Be @('y', 'n')
        (Get-OfflineDataConsent -Store $store -First 1).CustomerId | Should -Be 'MAIL'
        (Get-OfflineDataConsent -Store $store -Scope 'marketing.*').CustomerId | Should -Be 'MAIL'
    }

    It 'shows with -OptedOut only the customers held back: collect = n by default, p and u when asked' {
        (Get-OfflineDataConsent -Store $store -OptedOut).CustomerId | Should -Be 'OUT'
        (Get-OfflineDataConsent -Store $store -OptedOut -SuppressValue n, p).CustomerId | Should -Be @('PEND', 'OUT')
        (Get-OfflineDataConsent -Store $store -OptedOut -Scope collect, marketing.email).CustomerId | Should -Be @('MAIL', 'OUT')
    }

    It 'shows a table that fits 80 columns, the time in UTC with Z' {
        $lines = (Get-OfflineDataConsent -Store $store | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Time\s+CustomerId\s+Scope\s+Value\s+Source'
        $lines | Where-Object { $_ -like '*MAIL*' } | Should -Match '^2024-05-04 10:00:00Z\s+MAIL\s+marketing\.email\s+n\s+pipeline'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'converts to JSON and exports to CSV as it reads' {
        $json = Get-OfflineDataConsent -Store $store -CustomerId OUT | ConvertTo-Json | ConvertFrom-Json
        $json.Value | Should -Be 'n'
        $json.Store | Should -Be $store
        $csv = Join-Path $TestDrive 'consent.csv'
        Get-OfflineDataConsent -Store $store | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = Import-Csv -LiteralPath $csv
        $rows.Count | Should -Be 4
        $rows[0].PSObject.Properties.Name | Should -Be @('Id', 'CustomerId', 'Scope', 'Value', 'Time', 'Source', 'RecordedAt', 'Store')
        $rows.CustomerId | Should -Be @('MAIL', 'PEND', 'BACK', 'OUT')
    }

    It 'reads a store that does not exist as empty and creates nothing' {
        $missing = Join-Path $TestDrive 'missing.db'
        Get-OfflineDataConsent -Store $missing | Should -BeNullOrEmpty
        Test-Path -LiteralPath $missing | Should -BeFalse
    }

    It 'completes -Scope and -Value' {
        (TabExpansion2 -inputScript 'Get-OfflineDataConsent -Scope market' -cursorColumn 36).CompletionMatches.CompletionText | Should -Contain 'marketing.email'
        (TabExpansion2 -inputScript 'Get-OfflineDataConsent -Value ' -cursorColumn 30).CompletionMatches.CompletionText | Should -Be @('y', 'n', 'p', 'u', 'LI', 'CT', 'CP', 'VI', 'PI')
    }

    It 'refuses an unknown -Value' {
        { Get-OfflineDataConsent -Store $store -Value maybe -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument,*'
    }
}
