#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Get-OfflineDataDelivery in a real pwsh, as an ops engineer checks last night's deliveries: the views, filters and
# pipes a user reaches for (Where-Object, Group-Object, ConvertTo-Json, Export-Csv), tab completion of -Destination.
# The ledger is written as Send-OfflineDataFile writes it (Add-TestDelivery, tests/pester/TestDeliveries.ps1). The
# default store is a decoy under $TestDrive, so nothing touches the user's own store.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $savedStore = $env:OFFLINEDATA_STORE
    $env:OFFLINEDATA_STORE = Join-Path $TestDrive 'decoy.db'

    $store = Join-Path $TestDrive 'deliveries.db'
    $night = [DateTimeOffset]::new(2026, 11, 28, 22, 0, 0, [TimeSpan]::Zero)
    $sftp = 'sftp://upload@files.example.com:2222/in'
    $adobe = 'ftps://adobe@ftp.example.com/rs-acme'
    $share = '\\files01\drop\incoming'
    $null = Add-TestDelivery -Store $store -Destination $sftp -FileName 'till-20261128.csv' -RemoteName 'till_20261128_0001.txt' -MarkerName 'till_20261128_0001.fin' -Sha256 ('a' * 64) -StartedAt $night -Size 48213377
    $null = Add-TestDelivery -Store $store -Destination $adobe -FileName 'ds-20261128.txt' -Sha256 ('b' * 64) -StartedAt $night.AddMinutes(5) -Status Failed -Attempts 3 -Message 'Connection to ftp.example.com:21 as adobe timed out after 30 s.'
    $null = Add-TestDelivery -Store $store -Destination $share -FileName 'crm-export-20261128.csv' -Sha256 ('c' * 64) -StartedAt $night.AddMinutes(7) -Status Started
    $null = Add-TestDelivery -Store $store -Destination $adobe -FileName 'ds-20261128.txt' -Sha256 ('b' * 64) -StartedAt $night.AddMinutes(9) -Attempts 1
}

AfterAll {
    $env:OFFLINEDATA_STORE = $savedStore
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Get-OfflineDataDelivery' {
    It 'lists the ledger newest first, with the status as a name' {
        $entries = Get-OfflineDataDelivery -Store $store

        $entries.Id | Should -Be 4, 3, 2, 1
        $entries.Status | Should -Be 'Sent', 'Started', 'Failed', 'Sent'
        $entries[0].Status | Should -BeOfType [string]
        $entries[0].Store | Should -Be $store
        Test-Path -LiteralPath $env:OFFLINEDATA_STORE | Should -BeFalse
    }

    It 'answers what a user asks with Where-Object and Group-Object' {
        (Get-OfflineDataDelivery -Store $store | Where-Object Status -EQ 'Failed').Message | Should -Match 'timed out'
        (Get-OfflineDataDelivery -Store $store | Where-Object { $_.StartedAt -ge $night.AddMinutes(6) }).Id | Should -Be 4, 3
        $byDestination = Get-OfflineDataDelivery -Store $store | Group-Object Destination | Sort-Object Name
        $byDestination.Name | Should -Be $share, $adobe, $sftp
        ($byDestination | Where-Object Name -EQ $adobe).Count | Should -Be 2
    }

    It 'filters by destination with wildcards, status, content and time' {
        (Get-OfflineDataDelivery -Store $store -Destination 'ftps://*').FileName | Should -Be 'ds-20261128.txt', 'ds-20261128.txt'
        (Get-OfflineDataDelivery -Store $store -Destination $share).Status | Should -Be 'Started'
        (Get-OfflineDataDelivery -Store $store -Status Failed).Attempts | Should -Be 3
        (Get-OfflineDataDelivery -Store $store -Sha256 ('A' * 64)).RemoteName | Should -Be 'till_20261128_0001.txt'
        (Get-OfflineDataDelivery -Store $store -RemoteName '*.txt' -Status Sent).Id | Should -Be 4, 1
        (Get-OfflineDataDelivery -Store $store -After $night.AddMinutes(1) -Before $night.AddMinutes(8)).Id | Should -Be 3, 2
        (Get-OfflineDataDelivery -Store $store -First 1).Id | Should -Be 4
    }

    It 'shows a table that fits 80 columns with whole file names and the suppressed rows, StartedAt in local time and its offset' -ForEach 80, 120 {
        $width = $_
        $lines = Get-OfflineDataDelivery -Store $store | Format-Table | Out-String -Width $width -Stream | Where-Object { $_.Trim() }

        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $width -Because $_ }
        -split $lines[0] | Should -Be 'Id', 'StartedAt', 'Status', 'FileName', 'Size', 'SuppressedRows'
        $lines.Count | Should -Be 6
        $lines[5] | Should -Match ([regex]::Escape($night.ToLocalTime().ToString('yyyy-MM-dd HH:mm zzz')))
        $lines[5] | Should -Match '\b48213377\b'
        # File names whole: up to 16 characters at 80 columns (was 8: 'valid-sa…'), all of them at 120.
        $lines[2] | Should -Match '\bds-20261128\.txt\s'
        if ($width -ge 120) {
            $lines[5] | Should -Match '\btill-20261128\.csv\s'
            $lines[3] | Should -Match '\bcrm-export-20261128\.csv\s'
        }
    }

    It 'shows every field in the list view, the times with their offset' {
        $text = Get-OfflineDataDelivery -Store $store -Status Failed | Format-List | Out-String -Width 200

        foreach ($field in 'Id', 'Destination', 'FileName', 'SourcePath', 'RemoteName', 'MarkerName', 'Sha256', 'Size', 'Status', 'StartedAt', 'EndedAt', 'Duration', 'Attempts', 'Message', 'Store') {
            $text | Should -Match "(?m)^$field\s+:" -Because "the list view shows $field"
        }
        $text | Should -Match '(?m)^StartedAt\s+:.*\+00:00'
        $text | Should -Match '(?m)^Duration\s+:\s+2\.00s'
    }

    It 'converts to JSON with the status as a name and the times with their offset' {
        $json = Get-OfflineDataDelivery -Store $store -Status Failed | ConvertTo-Json

        $json | Should -Match '"Status":\s*"Failed"'
        $json | Should -Match '"StartedAt":\s*"2026-11-28T22:05:00\+00:00"'
        $back = $json | ConvertFrom-Json
        $back.Destination | Should -Be $adobe
        $back.Attempts | Should -Be 3
        ([DateTimeOffset]$back.StartedAt).UtcDateTime | Should -Be $night.AddMinutes(5).UtcDateTime
    }

    It 'exports to CSV and reads back with names and offsets' {
        $csv = Join-Path $TestDrive 'deliveries.csv'
        Get-OfflineDataDelivery -Store $store | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = Import-Csv -LiteralPath $csv

        $rows.Status | Should -Be 'Sent', 'Started', 'Failed', 'Sent'
        $rows[3].MarkerName | Should -Be 'till_20261128_0001.fin'
        $rows[3].StartedAt | Should -Match '\+00:00$'
        $rows[1].EndedAt | Should -BeNullOrEmpty
        $rows.Size | Should -Contain '48213377'
    }

    It 'pipes an entry back into itself, read from the entry''s own store' {
        $again = Get-OfflineDataDelivery -Store $store -Status Started | Get-OfflineDataDelivery
        $again.Id | Should -Be 3
        $again.Destination | Should -Be $share
    }

    It 'gives each sent file''s own entry when Send-OfflineDataFile''s results are piped in (LedgerId binds to -Id)' {
        $sendStore = Join-Path $TestDrive 'sent.db'
        $drop = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'drop-ledgerid') -Force
        $files = 1..3 | ForEach-Object { $f = Join-Path $TestDrive "night-$_.csv"; Set-Content -LiteralPath $f -Value "a,b`n$_,2"; $f }
        $null = Send-OfflineDataFile -LiteralPath $files[0], $files[1] -Destination $drop.FullName -Store $sendStore

        $sent = Send-OfflineDataFile -LiteralPath $files[2] -Destination $drop.FullName -Store $sendStore
        $entries = @($sent | Get-OfflineDataDelivery)

        $entries.Count | Should -Be 1
        $entries[0].Id | Should -Be $sent.LedgerId
        $entries[0].FileName | Should -Be 'night-3.csv'
    }

    It 'says DeliveryNotFound for an ID the ledger does not have' {
        $result = Get-OfflineDataDelivery -Store $store -Id 404 -ErrorAction SilentlyContinue -ErrorVariable notFound

        $result | Should -BeNullOrEmpty
        $notFound[0].FullyQualifiedErrorId | Should -Be 'DeliveryNotFound,OfflineData.Commands.GetOfflineDataDeliveryCommand'
        $notFound[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $notFound[0].TargetObject | Should -Be 404
    }

    It 'completes -Destination with the ledger''s destinations and -Status with the statuses' {
        $line = "Get-OfflineDataDelivery -Store '$store' -Destination "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText |
            Should -Be $share, "'$adobe'", "'$sftp'"
        $line = "Get-OfflineDataDelivery -Store '$store' -Destination sftp"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be "'$sftp'"
        $line = 'Get-OfflineDataDelivery -Status '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'Failed', 'Sent', 'Started'
    }

    It 'reads nothing from a store that does not exist, and creates none' {
        $missing = Join-Path $TestDrive 'missing.db'
        Get-OfflineDataDelivery -Store $missing | Should -BeNullOrEmpty
        Test-Path -LiteralPath $missing | Should -BeFalse
    }
}
