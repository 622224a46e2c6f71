#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Issue 11 (seed 003): Export-OfflineData as a user runs it. The five-year edge, -WhatIf, a real pwsh killed mid-export
# and resumed, re-running and -Force, the offline format through Test-OfflineDataFile and back into a fresh store,
# ConvertTo-Json of the results, and the pipe into Send-OfflineDataFile against the SFTP server of .ci/sftp.sh
# (skipped without it, failing in CI). The exporter's cuts are proven on both stores in StoreContractTests.Export.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')

    # $Count rows 5 hours apart from 2020-02-27, customers C0..C<n-1> (unique: each row's identity in the files),
    # each with a transaction ID; imported into a new store whose path is returned.
    function New-HistoryStore([int] $Count = 200) {
        $store = Join-Path $TestDrive ('store-{0}.db' -f [guid]::NewGuid().ToString('N'))
        $file = Join-Path $TestDrive ('history-{0}.csv' -f [guid]::NewGuid().ToString('N'))
        $start = [datetime]'2020-02-27'
        $lines = foreach ($i in 0..($Count - 1)) {
            '{0:yyyy-MM-dd HH:mm:ss};C{1};7;CAT;SKU;1;{2};v{1};;;;;;;;;;;;;;;T{1}' -f $start.AddHours($i * 5), $i, ($i + 0.25)
        }
        [IO.File]::WriteAllLines($file, [string[]]$lines)
        $null = Import-OfflineData -Path $file -ReportSuite acme.prod -Store $store
        $store
    }

    function New-Folder { (New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid().ToString('N')))).FullName }

    # The customer IDs in the data lines of offline data files (column 2), read as text: not through the module.
    function Get-ExportedCustomer([string[]] $Path) {
        foreach ($p in $Path) { Get-Content -LiteralPath $p | Select-Object -Skip 1 | ForEach-Object { ($_ -split ';')[1] } }
    }
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Export-OfflineData: the range' {
    BeforeAll {
        $store = New-HistoryStore -Count 20
    }

    It 'exports exactly five years, and refuses one day more naming both dates and the latest -To' {
        $folder = New-Folder
        $ok = Export-OfflineData acme.prod -From 2020-01-01 -To 2025-01-01 -OutputFolder $folder -Store $store -BatchDays 1826
        $err = $null
        try { Export-OfflineData acme.prod -From 2020-01-01 -To 2025-01-02 -OutputFolder $folder -Store $store -ErrorAction Stop } catch { $err = $_ }

        @($ok).Count | Should -Be 1
        $ok.Rows | Should -Be 20
        $err.FullyQualifiedErrorId | Should -BeLike 'ExportRangeTooLong,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be '2020-01-01 to 2025-01-02'
        $err.Exception.Message | Should -Match '2020-01-01 to 2025-01-02 is longer than 5 years.*at most 2025-01-01'
    }

    It 'from the leap day 2020-02-29 allows -To 2025-02-28 and refuses 2025-03-01' {
        $folder = New-Folder
        { Export-OfflineData acme.prod -From 2020-02-29 -To 2025-02-28 -OutputFolder $folder -Store $store -WhatIf } | Should -Not -Throw
        { Export-OfflineData acme.prod -From 2020-02-29 -To 2025-03-01 -OutputFolder $folder -Store $store -WhatIf } |
            Should -Throw -ErrorId 'ExportRangeTooLong,OfflineData.Commands.ExportOfflineDataCommand' -ExpectedMessage '*at most 2025-02-28*'
    }

    It 'refuses -To before -From' {
        { Export-OfflineData acme.prod -From 2021-01-01 -To 2020-12-31 -OutputFolder (New-Folder) -Store $store } |
            Should -Throw -ErrorId 'ExportRangeEmpty,OfflineData.Commands.ExportOfflineDataCommand' -ExpectedMessage '*-To (2020-12-31) must be after -From (2021-01-01)*'
    }

    It 'refuses a folder that does not exist (ExportFolderNotFound) and writes nothing' {
        $missing = Join-Path $TestDrive 'missing'
        Export-OfflineData acme.prod -From 2020-01-01 -To 2021-01-01 -OutputFolder $missing -Store $store -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ExportFolderNotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Test-Path $missing | Should -BeFalse
    }
}

Describe 'Export-OfflineData: batches, -WhatIf, re-runs' {
    It '-WhatIf shows the plan and writes nothing: no file, no ledger entry (a later run writes every batch)' {
        $store = New-HistoryStore
        $folder = New-Folder
        $before = (Get-Item $store).Length

        # In a real pwsh, as a user sees it: the What if: line goes to the host, not to a stream a test could redirect.
        $exe = (Get-Process -Id $PID).Path
        [string[]] $prefix = if ($exe -notmatch 'pwsh') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
        $command = "Import-Module '$OfflineDataManifestPath'; Export-OfflineData acme.prod -From 2020-02-29 -To 2020-04-01 -OutputFolder '$folder' -Store '$store' -BatchDays 7 -WhatIf"
        $plan = (& $exe @prefix -NoProfile -NonInteractive -OutputFormat Text -Command $command 2>&1) -join "`n"

        # 5-hourly rows from 2020-02-27: 164 before 2020-04-01, 10 of them before 2020-02-29.
        $plan | Should -Match 'What if: .*5 batch\(es\), first 2020-02-29 to 2020-03-07, last 2020-03-28 to 2020-04-01, about 154 row\(s\)'
        (Get-Item $store).Length | Should -Be $before
        @(Get-ChildItem -LiteralPath $folder -Force) | Should -HaveCount 0
        $written = Export-OfflineData acme.prod -From 2020-02-29 -To 2020-04-01 -OutputFolder $folder -Store $store -BatchDays 7
        @($written | Where-Object Status -EQ 'Written') | Should -HaveCount 5
        ($written | Measure-Object Rows -Sum).Sum | Should -Be 154
    }

    It 'a finished re-run writes nothing and returns Skipped; -Force writes again; the results convert to JSON' {
        $store = New-HistoryStore
        $folder = New-Folder
        $first = Export-OfflineData acme.prod -From 2020-01-01 -To 2021-01-01 -OutputFolder $folder -Store $store -BatchRows 64 -Format JsonLines
        $stamps = $first | ForEach-Object { (Get-Item $_.Path).LastWriteTimeUtc }
        Start-Sleep -Milliseconds 50
        $again = Export-OfflineData acme.prod -From 2020-01-01 -To 2021-01-01 -OutputFolder $folder -Store $store -BatchRows 64 -Format JsonLines
        $restamps = $again | ForEach-Object { (Get-Item $_.Path).LastWriteTimeUtc }
        $forced = Export-OfflineData acme.prod -From 2020-01-01 -To 2021-01-01 -OutputFolder $folder -Store $store -BatchRows 64 -Format JsonLines -Force
        $json = $again | ConvertTo-Json -Depth 3 | ConvertFrom-Json

        $first.Rows | Should -Be @(64, 64, 64, 8)
        $again.Status | Should -Be @('Skipped', 'Skipped', 'Skipped', 'Skipped')
        $restamps | Should -Be $stamps
        $forced.Status | Should -Be @('Written', 'Written', 'Written', 'Written')
        $json[0].Status | Should -Be 'Skipped'
        $json[0].Format | Should -Be 'JsonLines'
        $json[3].Rows | Should -Be 8
        # Every line of the JSON Lines files is a row with its match.
        $rows = Get-Content -LiteralPath $forced.Path | ConvertFrom-Json
        $rows | Should -HaveCount 200
        $rows[0].Outcome | Should -Not -BeNullOrEmpty
        $rows[0].Reason | Should -Not -BeNullOrEmpty
    }

    It 'writes the offline format that Test-OfflineDataFile accepts and that re-imports into a fresh store as the same rows' {
        $store = New-HistoryStore
        $folder = New-Folder
        $results = Export-OfflineData acme.prod -From 2020-01-01 -To 2021-01-01 -OutputFolder $folder -Store $store -BatchDays 10
        $fresh = Join-Path $TestDrive 'fresh.db'

        $checks = $results | Test-OfflineDataFile
        $null = $results.Path | Import-OfflineData -ReportSuite acme.prod -Store $fresh

        $checks.ErrorCount | Sort-Object -Unique | Should -Be 0
        ($checks | Measure-Object RowCount -Sum).Sum | Should -Be 200
        $project = { $_ | Select-Object Timestamp, CustomerId, EventType, EventName, Num1, Num2, TransactionId, Outcome, Reason | ConvertTo-Json -Compress }
        $original = @(Get-OfflineData -Store $store | ForEach-Object $project | Sort-Object)
        $reimported = @(Get-OfflineData -Store $fresh | ForEach-Object $project | Sort-Object)
        $reimported.Count | Should -Be 200
        $reimported | Should -Be $original
    }
}

Describe 'Export-OfflineData: a pwsh killed mid-export' {
    It 'resumes at the first unfinished batch, and across the files every row is there exactly once' {
        $store = New-HistoryStore -Count 2000
        $folder = New-Folder
        $log = Join-Path $TestDrive 'child.log'
        $script = Join-Path $TestDrive 'export-child.ps1'
        # The child hands each batch on slowly (a consumer that takes its time), so the parent can kill it mid-way.
        Set-Content -LiteralPath $script -Value @'
param([string] $Manifest, [string] $Store, [string] $Folder, [string] $Log)
Import-Module $Manifest
Export-OfflineData acme.prod -From 2020-01-01 -To 2022-01-01 -OutputFolder $Folder -Store $Store -BatchRows 100 |
    ForEach-Object { Add-Content -LiteralPath $Log -Value "BATCH $($_.Batch)"; Start-Sleep -Milliseconds 200 }
Add-Content -LiteralPath $Log -Value 'ENDED'
'@
        $exe = (Get-Process -Id $PID).Path
        $info = [Diagnostics.ProcessStartInfo]::new($exe)
        $info.UseShellExecute = $false
        if ($exe -notmatch 'pwsh') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }   # dotnet pwsh
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $script, '-Manifest', $OfflineDataManifestPath, '-Store', $store, '-Folder', $folder, '-Log', $log) { $info.ArgumentList.Add($a) }
        $child = [Diagnostics.Process]::Start($info)
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while (-not ((Test-Path $log) -and @(Get-Content $log) -contains 'BATCH 5')) {
                if ([DateTime]::UtcNow -gt $deadline -or $child.HasExited) { throw "The child did not reach batch 5: $(Get-Content $log -ErrorAction SilentlyContinue)" }
                Start-Sleep -Milliseconds 20
            }
            $child.Kill($true)
            $child.WaitForExit()
        }
        finally { if (-not $child.HasExited) { $child.Kill($true) } }
        $killedWith = @(Get-ChildItem -LiteralPath $folder -Filter '*.csv').Count

        $resumed = Export-OfflineData acme.prod -From 2020-01-01 -To 2022-01-01 -OutputFolder $folder -Store $store -BatchRows 100

        Get-Content $log | Should -Not -Contain 'ENDED'
        $killedWith | Should -BeGreaterOrEqual 5
        $killedWith | Should -BeLessThan 20
        $resumed | Should -HaveCount 20
        @($resumed | Where-Object Status -EQ 'Skipped').Count | Should -BeGreaterOrEqual 5
        $resumed[-1].Status | Should -Be 'Written'
        $files = @(Get-ChildItem -LiteralPath $folder -Filter '*.csv' | Sort-Object Name)
        $files | Should -HaveCount 20
        $customers = @(Get-ExportedCustomer $files.FullName)
        $customers.Count | Should -Be 2000
        @($customers | Sort-Object -Unique).Count | Should -Be 2000
        # In time order across the files: C0, C1, … as imported.
        $customers | Should -Be @(0..1999 | ForEach-Object { "C$_" })
    }
}

Describe 'Export-OfflineData | Send-OfflineDataFile to the test SFTP server' {
    BeforeAll {
        $sftpHost = $env:OFFLINEDATA_TEST_SFTP_HOST
        $skipReason = if ($sftpHost) { $null }
        elseif ($env:CI -eq 'true' -or $env:CI -eq '1') { throw 'OFFLINEDATA_TEST_SFTP_HOST is not set; CI needs the SFTP server of .ci/sftp.sh.' }
        else { 'No SFTP server: source .ci/sftp.sh and run start_test_sftp (OFFLINEDATA_TEST_SFTP_HOST is not set).' }
    }

    It 'is one pipeline: every file of every batch arrives once, batches without rows send nothing, a re-run sends nothing' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $password = ConvertTo-SecureString $env:OFFLINEDATA_TEST_SFTP_PASSWORD -AsPlainText -Force
        $cred = [pscredential]::new($env:OFFLINEDATA_TEST_SFTP_USER, $password)
        $name = 't' + [guid]::NewGuid().ToString('N')
        $local = Join-Path (Join-Path $env:OFFLINEDATA_TEST_SFTP_ROOT $env:OFFLINEDATA_TEST_SFTP_DIR.TrimStart('/')) $name
        $null = New-Item -ItemType Directory -Path $local
        & chmod 777 $local
        $uri = "sftp://$($sftpHost):$($env:OFFLINEDATA_TEST_SFTP_PORT)$($env:OFFLINEDATA_TEST_SFTP_DIR.TrimEnd('/'))/$name"
        $store = New-HistoryStore
        $folder = New-Folder
        $send = @{ Destination = $uri; Credential = $cred; HostKeyFingerprint = $env:OFFLINEDATA_TEST_SFTP_FINGERPRINT; Store = $store }

        # 21-day batches over 91 days of which the rows (5-hourly, 200) fill the first two: batches 3 to 5 have no rows,
        # write no file and return nothing, so nothing in the pipe fails to bind.
        $sent = Export-OfflineData acme.prod -From 2020-02-27 -To 2020-05-28 -OutputFolder $folder -Store $store -Format AdobeDataSources -BatchDays 21 |
            Send-OfflineDataFile @send
        $again = Export-OfflineData acme.prod -From 2020-02-27 -To 2020-05-28 -OutputFolder $folder -Store $store -Format AdobeDataSources -BatchDays 21 |
            Send-OfflineDataFile @send -WarningAction SilentlyContinue

        $exported = @(Get-ChildItem -LiteralPath $folder -Filter '*.txt')
        $exported | Should -HaveCount 2
        $sent | Should -HaveCount 2
        $sent.Status | Should -Be @('Sent', 'Sent')
        @(Get-ChildItem -LiteralPath $local).Name | Sort-Object | Should -Be ($exported.Name | Sort-Object)
        $again.Status | Should -Be @('Skipped', 'Skipped')
        # Every row arrived once: the data lines of the remote files (after each header) hold 200 distinct transaction IDs.
        $remoteLines = Get-ChildItem -LiteralPath $local | ForEach-Object { Get-Content -LiteralPath $_.FullName | Select-Object -Skip 1 }
        $remoteLines | Should -HaveCount 200
    }
}
