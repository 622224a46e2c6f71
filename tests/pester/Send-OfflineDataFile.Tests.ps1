#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Issue 10: Send-OfflineDataFile against the real OpenSSH server of .ci/sftp.sh (OFFLINEDATA_TEST_SFTP_*): skipped
# without it, failing in CI. What is about processes (a pwsh killed mid-upload, a poller watching the folder while
# another pwsh sends) runs real child pwsh processes; the engine's logic is proven with fakes in FileSenderTests.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $sftpHost = $env:OFFLINEDATA_TEST_SFTP_HOST
    $skipReason = if ($sftpHost) { $null }
    elseif ($env:CI -eq 'true' -or $env:CI -eq '1') { throw 'OFFLINEDATA_TEST_SFTP_HOST is not set; CI needs the SFTP server of .ci/sftp.sh.' }
    else { 'No SFTP server: source .ci/sftp.sh and run start_test_sftp (OFFLINEDATA_TEST_SFTP_HOST is not set).' }
    if ($sftpHost) {
        $password = ConvertTo-SecureString $env:OFFLINEDATA_TEST_SFTP_PASSWORD -AsPlainText -Force
        $cred = [pscredential]::new($env:OFFLINEDATA_TEST_SFTP_USER, $password)
        $fingerprint = $env:OFFLINEDATA_TEST_SFTP_FINGERPRINT
        $uploadRoot = Join-Path $env:OFFLINEDATA_TEST_SFTP_ROOT $env:OFFLINEDATA_TEST_SFTP_DIR.TrimStart('/')
    }

    # A fresh folder in the server's upload folder: its URI and where it is on the local disk.
    function New-RemoteFolder {
        $name = 't' + [guid]::NewGuid().ToString('N')
        $local = Join-Path $uploadRoot $name
        $null = New-Item -ItemType Directory -Path $local
        & chmod 777 $local   # the tests run as root; the SFTP user writes here
        [pscustomobject]@{ Uri = "sftp://$($sftpHost):$($env:OFFLINEDATA_TEST_SFTP_PORT)$($env:OFFLINEDATA_TEST_SFTP_DIR.TrimEnd('/'))/$name"; Local = $local }
    }

    function New-Store { Join-Path $TestDrive ('store-{0}.db' -f [guid]::NewGuid().ToString('N')) }

    # A file of $Megabytes MB (zeros, sparse: quick to make, a real transfer to send).
    function New-BigFile([string] $Name, [int] $Megabytes) {
        $path = Join-Path $TestDrive $Name
        $stream = [IO.File]::Create($path)
        try { $stream.SetLength([long]$Megabytes * 1MB) } finally { $stream.Dispose() }
        $path
    }

    function Get-LoginLines { @(Get-Content -LiteralPath $env:OFFLINEDATA_TEST_SFTP_LOG | Where-Object { $_ -match 'Accepted |Failed |Invalid user|Postponed|authentication' }) }

    # A child pwsh that sends with the splatted parameters in $Parameters (JSON), logging every stream line by line
    # and each result as "RESULT <json>".
    $script:children = [Collections.Generic.List[object]]::new()
    $childScript = Join-Path $TestDrive 'send-child.ps1'
    Set-Content -LiteralPath $childScript -Value @'
param([string] $Manifest, [string] $Log, [string] $ParametersJson, [string] $Gate)
Import-Module $Manifest
$parameters = $ParametersJson | ConvertFrom-Json -AsHashtable
$credential = [pscredential]::new($env:OFFLINEDATA_TEST_SFTP_USER, (ConvertTo-SecureString $env:OFFLINEDATA_TEST_SFTP_PASSWORD -AsPlainText -Force))
Add-Content -LiteralPath $Log -Value 'STARTED'
# With -Gate: loaded and ready, it sends only once that file exists (the test decides the moment, not pwsh's start-up).
if ($Gate) { while (-not (Test-Path -LiteralPath $Gate)) { Start-Sleep -Milliseconds 20 } }
Send-OfflineDataFile @parameters -Credential $credential -Verbose *>&1 | ForEach-Object {
    $line = if ($_.PSObject.TypeNames -contains 'OfflineData.Core.Delivery.DeliveryResult') { 'RESULT ' + ($_ | Select-Object * -ExcludeProperty Duration | ConvertTo-Json -Compress) }
    elseif ($_ -is [System.Management.Automation.ErrorRecord]) { "ErrorRecord [$($_.FullyQualifiedErrorId)] [$($_.CategoryInfo.Category)]: $_" }
    else { "$($_.GetType().Name): $_" }
    Add-Content -LiteralPath $Log -Value $line
}
Add-Content -LiteralPath $Log -Value 'ENDED'
'@

    function Start-SendChild([hashtable] $Parameters, [string] $Gate) {
        $log = Join-Path $TestDrive ('child-{0}.log' -f [guid]::NewGuid().ToString('N'))
        $exe = (Get-Process -Id $PID).Path
        $info = [Diagnostics.ProcessStartInfo]::new($exe)
        $info.UseShellExecute = $false
        if ($exe -notmatch 'pwsh') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }   # dotnet pwsh
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $childScript, '-Manifest', $OfflineDataManifestPath,
            '-Log', $log, '-ParametersJson', ($Parameters | ConvertTo-Json -Compress)) {
            $info.ArgumentList.Add($argument)
        }
        if ($Gate) { $info.ArgumentList.Add('-Gate'); $info.ArgumentList.Add($Gate) }
        $child = [pscustomobject]@{ Process = [Diagnostics.Process]::Start($info); Log = $log }
        $script:children.Add($child)
        $child
    }

    function Get-ChildLog($Child) { if (Test-Path -LiteralPath $Child.Log) { @(Get-Content -LiteralPath $Child.Log) } else { @() } }

    function Wait-SendChild($Child, [int] $Seconds = 120) {
        if (-not $Child.Process.WaitForExit($Seconds * 1000)) {
            $Child.Process.Kill($true)
            throw "The send child did not end within $Seconds s: $((Get-ChildLog $Child) -join "`n")"
        }
        $log = Get-ChildLog $Child
        @($log | Where-Object { $_.StartsWith('RESULT ') } | ForEach-Object { $_.Substring(7) | ConvertFrom-Json })
    }

    function Wait-Until([scriptblock] $Condition, [string] $Because, [int] $Seconds = 60) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Not within $Seconds s: $Because" }
            Start-Sleep -Milliseconds 20
        }
    }
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Send-OfflineDataFile to the test SFTP server' {
    BeforeEach {
        if ($skipReason) { return }
        $remote = New-RemoteFolder
        $store = New-Store
        $common = @{ Destination = $remote.Uri; Credential = $cred; HostKeyFingerprint = $fingerprint; Store = $store }
    }

    AfterEach {
        # A failed test leaves no child sending in the background.
        foreach ($child in $script:children) { if (-not $child.Process.HasExited) { $child.Process.Kill($true) } }
        $script:children.Clear()
    }

    It 'sends a file; a re-run is skipped with a warning naming the ledger entry; -Force sends it again' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $file = New-TestFile 'day.csv' 'a;b;c'

        $first = Send-OfflineDataFile -Path $file @common
        $again = Send-OfflineDataFile -Path $file @common -WarningVariable warnings 3>$null
        $forced = Send-OfflineDataFile -Path $file @common -Force

        $first.Status | Should -Be 'Sent'
        $first.RemoteName | Should -Be 'day.csv'
        $first.Attempts | Should -Be 1
        $first.Sha256 | Should -Be (Get-FileHash -LiteralPath $file -Algorithm SHA256).Hash.ToLowerInvariant()
        Get-Content -LiteralPath (Join-Path $remote.Local 'day.csv') -Raw | Should -Be (Get-Content -LiteralPath $file -Raw)
        $again.Status | Should -Be 'Skipped'
        $again.LedgerId | Should -Be $first.LedgerId
        $warnings | Should -HaveCount 1
        "$warnings" | Should -Match "ledger entry $($first.LedgerId)\); not sent again. Use -Force"
        $forced.Status | Should -Be 'Sent'
        $forced.LedgerId | Should -BeGreaterThan $first.LedgerId
        @(Get-ChildItem -LiteralPath $remote.Local).Name | Should -Be @('day.csv')
    }

    It 'logs in with a key file whose passphrase is the credential''s password, trusting a known_hosts file' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $file = New-TestFile 'key.csv' 'x'
        $keyCred = [pscredential]::new($env:OFFLINEDATA_TEST_SFTP_USER, (ConvertTo-SecureString $env:OFFLINEDATA_TEST_SFTP_KEY_PASSPHRASE -AsPlainText -Force))

        $result = Send-OfflineDataFile -LiteralPath $file -Destination $remote.Uri -Credential $keyCred -KeyFilePath $env:OFFLINEDATA_TEST_SFTP_KEY_ENCRYPTED -KnownHostsPath $env:OFFLINEDATA_TEST_SFTP_KNOWN_HOSTS -Store $store

        $result.Status | Should -Be 'Sent'
        Join-Path $remote.Local 'key.csv' | Should -Exist
    }

    It 'takes files from Get-ChildItem and from Convert-OfflineDataFile -PassThru; results go through ConvertTo-Json and Export-Csv' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $folder = Join-Path $TestDrive ('in-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        'one' | Set-Content -LiteralPath (Join-Path $folder 'a.csv')
        'two' | Set-Content -LiteralPath (Join-Path $folder 'b.csv')
        $converted = Join-Path $TestDrive ('conv-' + [guid]::NewGuid().ToString('N'))

        $fromDir = Get-ChildItem -LiteralPath $folder | Send-OfflineDataFile @common
        $fromConvert = Convert-OfflineDataFile (Join-Path $PSScriptRoot '../../examples/valid-sample.csv') "$converted.zip" -PassThru |
            Send-OfflineDataFile @common

        $fromDir.Status | Should -Be @('Sent', 'Sent')
        $fromConvert.Status | Should -Be 'Sent'
        $json = @($fromDir | ConvertTo-Json | ConvertFrom-Json)
        $json[0].Status | Should -Be 'Sent'
        $json[0].DurationSeconds | Should -BeOfType [double]
        $json[0].Destination | Should -Not -Match 'secret|password'
        $csv = Join-Path $TestDrive 'results.csv'
        $fromDir | Export-Csv -LiteralPath $csv -NoTypeInformation
        $rows = @(Import-Csv -LiteralPath $csv)
        $rows.RemoteName | Should -Be @('a.csv', 'b.csv')
        $rows[0].Status | Should -Be 'Sent'
        ($fromDir | Format-Table | Out-String -Width 120) | Should -Match 'Sent\s+a\.csv\s+a\.csv\s+\d+\s+0\s+[\d.]+\s+1 sftp://'   # Bytes, Suppressed, Seconds, Attempts
    }

    It 'with several files and one failing writes one error for it and still sends the others' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $files = 'a.csv', 'b.csv', 'c.csv' | ForEach-Object { New-TestFile $_ $_ }
        'someone else''s' | Set-Content -LiteralPath (Join-Path $remote.Local 'b.csv')

        $results = Send-OfflineDataFile -LiteralPath $files @common -ErrorVariable failures -ErrorAction SilentlyContinue

        $results.Status | Should -Be @('Sent', 'Failed', 'Sent')
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'RemoteFileExists,OfflineData.Commands.SendOfflineDataFileCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failures[0].TargetObject | Should -Be $files[1]
        "$($failures[0])" | Should -Match "host $sftpHost, port $($env:OFFLINEDATA_TEST_SFTP_PORT), user $($env:OFFLINEDATA_TEST_SFTP_USER)"
        Get-Content -LiteralPath (Join-Path $remote.Local 'b.csv') | Should -Be 'someone else''s'
    }

    It '-WhatIf sends nothing, connects to nothing and creates no store' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $file = New-TestFile 'w.csv' 'x'
        $logBefore = @(Get-Content -LiteralPath $env:OFFLINEDATA_TEST_SFTP_LOG).Count

        # In a real pwsh, as a user sees it: the What if: line goes to the host, not to a stream a test could redirect.
        $exe = (Get-Process -Id $PID).Path
        [string[]] $prefix = if ($exe -notmatch 'pwsh') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
        $command = "Import-Module '$OfflineDataManifestPath'; `$c = [pscredential]::new(`$env:OFFLINEDATA_TEST_SFTP_USER, (ConvertTo-SecureString `$env:OFFLINEDATA_TEST_SFTP_PASSWORD -AsPlainText -Force)); " +
            "Send-OfflineDataFile -Path '$file' -Destination '$($remote.Uri)' -Credential `$c -HostKeyFingerprint '$fingerprint' -Store '$store' -Marker Fin -WhatIf -Verbose"
        $output = (& $exe @prefix -NoProfile -NonInteractive -OutputFormat Text -Command $command 2>&1) -join "`n"

        $output | Should -Match ([regex]::Escape("What if: Sending '$file' to sftp://$($env:OFFLINEDATA_TEST_SFTP_USER)@$($sftpHost):$($env:OFFLINEDATA_TEST_SFTP_PORT)") + ".* as 'w.csv' then 'w.fin'")
        $output | Should -Not -Match ([regex]::Escape($env:OFFLINEDATA_TEST_SFTP_PASSWORD))
        @(Get-ChildItem -LiteralPath $remote.Local) | Should -HaveCount 0
        $store | Should -Not -Exist
        Start-Sleep -Milliseconds 300
        @(Get-Content -LiteralPath $env:OFFLINEDATA_TEST_SFTP_LOG).Count | Should -Be $logBefore
    }

    It 'refuses a wrong fingerprint before authentication, naming the key the server presented' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $file = New-TestFile 'k.csv' 'x'
        $wrong = 'SHA256:' + [Convert]::ToBase64String([byte[]]::new(32)).TrimEnd('=')
        $before = Get-LoginLines

        $result = Send-OfflineDataFile -Path $file -Destination $remote.Uri -Credential $cred -HostKeyFingerprint $wrong -Store $store -ErrorVariable failures -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'Failed'
        $result.Attempts | Should -Be 1   # never retried
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'HostKeyMismatch,OfflineData.Commands.SendOfflineDataFileCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'SecurityError'
        "$($failures[0])" | Should -Match ([regex]::Escape($fingerprint))
        "$($failures[0])" | Should -Not -Match ([regex]::Escape($env:OFFLINEDATA_TEST_SFTP_PASSWORD))
        Start-Sleep -Milliseconds 300
        (Get-LoginLines).Count | Should -Be $before.Count   # sshd saw no authentication attempt
        @(Get-ChildItem -LiteralPath $remote.Local) | Should -HaveCount 0
    }

    It 'needs one host-key choice for sftp, and warns on every run with -AcceptAnyHostKey' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $file = New-TestFile 'h.csv' 'x'

        { Send-OfflineDataFile -Path $file -Destination $remote.Uri -Credential $cred -Store $store } |
            Should -Throw -ErrorId 'HostKeyPolicyRequired,OfflineData.Commands.SendOfflineDataFileCommand'
        { Send-OfflineDataFile -Path $file -Destination $remote.Uri -Credential $cred -Store $store -AcceptAnyHostKey -HostKeyFingerprint $fingerprint } |
            Should -Throw -ErrorId 'HostKeyPolicyRequired,OfflineData.Commands.SendOfflineDataFileCommand'
        $store | Should -Not -Exist
        $null = Send-OfflineDataFile -Path $file -Destination $remote.Uri -Credential $cred -Store $store -AcceptAnyHostKey -WarningVariable w1 3>$null
        $null = Send-OfflineDataFile -Path $file -Destination $remote.Uri -Credential $cred -Store $store -AcceptAnyHostKey -WarningVariable w2 3>$null

        @($w1 | Where-Object { "$_" -match 'any host key is accepted' }) | Should -HaveCount 1
        @($w2 | Where-Object { "$_" -match 'any host key is accepted' }) | Should -HaveCount 1
    }

    It 'fails an unreachable server within -TimeoutSec, naming host and port' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        # Something listens but never speaks SSH: the connect succeeds and the banner never comes.
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $file = New-TestFile 'u.csv' 'x'
            $clock = [Diagnostics.Stopwatch]::StartNew()

            $result = Send-OfflineDataFile -Path $file -Destination "sftp://127.0.0.1:$port/in" -Credential $cred -AcceptAnyHostKey -TimeoutSec 3 -RetryCount 0 -Store $store -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

            $clock.Elapsed.TotalSeconds | Should -BeLessThan 8
            $clock.Elapsed.TotalSeconds | Should -BeGreaterThan 2.5
            $result.Status | Should -Be 'Failed'
            $failures[0].FullyQualifiedErrorId | Should -Be 'DeliveryUnavailable,OfflineData.Commands.SendOfflineDataFileCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            "$($failures[0])" | Should -Match "host 127\.0\.0\.1, port $port, user $($env:OFFLINEDATA_TEST_SFTP_USER)"
        }
        finally {
            $listener.Stop()
        }
    }

    It 'never shows a partial file under the final name, and uploads the .fin only after its data file is complete' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $big = New-BigFile 'adobe_0001.TXT' 200
        $size = (Get-Item -LiteralPath $big).Length
        $child = Start-SendChild @{ LiteralPath = $big; Destination = $remote.Uri; HostKeyFingerprint = $fingerprint; Store = $store; Marker = 'Fin' }
        $snapshots = [Collections.Generic.List[object]]::new()
        while (-not $child.Process.HasExited) {
            $snapshots.Add(@(Get-ChildItem -LiteralPath $remote.Local | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Length = $_.Length } }))
        }
        $results = Wait-SendChild $child

        $results.Status | Should -Be 'Sent' -Because ((Get-ChildLog $child) -join "`n")
        $results.MarkerName | Should -Be 'adobe_0001.fin'
        @($snapshots | Where-Object { $_.Name -contains 'adobe_0001.txt.part' }).Count | Should -BeGreaterThan 0 -Because 'the poller watched during the upload'
        foreach ($snapshot in $snapshots) {
            $data = $snapshot | Where-Object Name -EQ 'adobe_0001.txt'
            if ($data) { $data.Length | Should -Be $size -Because 'the final name only ever holds the complete file' }
            if ($snapshot.Name -contains 'adobe_0001.fin') { $data | Should -Not -BeNullOrEmpty -Because 'the .fin comes only after its data file is complete' }
        }
        @(Get-ChildItem -LiteralPath $remote.Local).Name | Sort-Object | Should -Be @('adobe_0001.fin', 'adobe_0001.txt')
        (Get-Item (Join-Path $remote.Local 'adobe_0001.fin')).Length | Should -Be 0
    }

    It 'after a pwsh killed mid-upload, a re-run leaves exactly one complete remote file and the ledger says Sent' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $big = New-BigFile 'killed.csv' 300
        $size = (Get-Item -LiteralPath $big).Length
        $child = Start-SendChild @{ LiteralPath = $big; Destination = $remote.Uri; HostKeyFingerprint = $fingerprint; Store = $store; NamePattern = '{BaseName}_{Timestamp:HHmmssfff}{Extension}' }
        $part = { Get-ChildItem -LiteralPath $remote.Local -Filter '*.part' | Where-Object Length -GT 10MB }
        Wait-Until -Condition $part -Because 'the child starts uploading'
        $child.Process.Kill($true)
        $child.Process.WaitForExit()
        $leftover = @(Get-ChildItem -LiteralPath $remote.Local)
        $leftover | Should -HaveCount 1
        $leftover[0].Name | Should -BeLike '*.csv.part'

        $rerun = Send-OfflineDataFile -LiteralPath $big @common 3>$null
        $third = Send-OfflineDataFile -LiteralPath $big @common -WarningVariable warnings 3>$null

        $rerun.Status | Should -Be 'Sent'
        $rerun.RemoteName | Should -Be ($leftover[0].Name -replace '\.part$')   # the killed run's name: its .part is replaced
        $files = @(Get-ChildItem -LiteralPath $remote.Local)
        $files | Should -HaveCount 1
        $files[0].Name | Should -Be $rerun.RemoteName
        $files[0].Length | Should -Be $size
        $third.Status | Should -Be 'Skipped'
        $third.LedgerId | Should -Be $rerun.LedgerId   # the ledger holds it as Sent
    }

    It 'reports a full disk on the server as an error and leaves no final name' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $full = Join-Path $remote.Local 'full'
        $null = New-Item -ItemType Directory -Path $full
        & mount -t tmpfs -o size=1m,mode=0777 tmpfs $full 2>$null
        if ($LASTEXITCODE -ne 0) {
            if ($env:CI -eq 'true') { throw 'mount -t tmpfs failed: CI runs as root and must be able to mount a small tmpfs' }
            Set-ItResult -Skipped -Because 'mounting a tmpfs needs root'; return
        }
        try {
            $file = New-BigFile 'toobig.csv' 3

            $result = Send-OfflineDataFile -LiteralPath $file -Destination "$($remote.Uri)/full" -Credential $cred -HostKeyFingerprint $fingerprint -Store $store -RetryCount 1 -ErrorVariable failures -ErrorAction SilentlyContinue

            $result.Status | Should -Be 'Failed'
            $result.Attempts | Should -Be 2   # an I/O failure is retried
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'DeliveryWriteFailed,OfflineData.Commands.SendOfflineDataFileCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'WriteError'
            "$($failures[0])" | Should -Match "port $($env:OFFLINEDATA_TEST_SFTP_PORT)"
            Join-Path $full 'toobig.csv' | Should -Not -Exist
            Join-Path $full 'toobig.csv.part' | Should -Not -Exist   # the partial file was removed: the space is free again
        }
        finally {
            & umount $full
        }
    }

    It 'with -Marker Fin waits while the folder holds 50 MB of unprocessed .txt: fails after -MaxWait, proceeds once it drains' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $pending = Join-Path $remote.Local 'pending.txt'
        $stream = [IO.File]::Create($pending)
        try { $stream.SetLength(60MB) } finally { $stream.Dispose() }   # sparse: Adobe's limit without the disk use
        $file = New-TestFile 'next.txt' 'x'
        $clock = [Diagnostics.Stopwatch]::StartNew()

        $result = Send-OfflineDataFile -Path $file @common -Marker Fin -MaxWaitSec 3 -ErrorVariable failures -ErrorAction SilentlyContinue -Verbose 4>&1 | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }

        $clock.Elapsed.TotalSeconds | Should -BeGreaterThan 2.9
        $result.Status | Should -Be 'Failed'
        $failures[0].FullyQualifiedErrorId | Should -Be 'DeliveryFolderBusy,OfflineData.Commands.SendOfflineDataFileCommand'
        "$($failures[0])" | Should -Match '60\.0 MB of unprocessed'
        Join-Path $remote.Local 'next.txt' | Should -Not -Exist

        # Adobe processes the pending file during the wait: the send goes on.
        $child = Start-SendChild @{ Path = $file; Destination = $remote.Uri; HostKeyFingerprint = $fingerprint; Store = $store; Marker = 'Fin'; MaxWaitSec = 120 }
        Wait-Until -Condition { (Get-ChildLog $child) -match 'waiting' } -Because 'the child reports its wait' -Seconds 60
        Remove-Item -LiteralPath $pending
        $results = Wait-SendChild $child

        $results.Status | Should -Be 'Sent' -Because ((Get-ChildLog $child) -join "`n")
        @(Get-ChildItem -LiteralPath $remote.Local).Name | Sort-Object | Should -Be @('next.fin', 'next.txt')
    }

    It 'warns for each file of the run found in the error folder after sending' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $errors = Join-Path $remote.Local 'files_with_errors'
        $null = New-Item -ItemType Directory -Path $errors
        'bad' | Set-Content -LiteralPath (Join-Path $errors 'e1.txt')
        $files = 'e1.txt', 'e2.txt' | ForEach-Object { New-TestFile $_ $_ }

        $null = Send-OfflineDataFile -LiteralPath $files @common -Marker Fin -ErrorFolder files_with_errors -WarningVariable warnings 3>$null

        $warnings | Should -HaveCount 1
        "$warnings" | Should -Match "'e1\.txt' .* is in '.*/files_with_errors'"
    }
}

Describe 'Two pwsh processes sending the same file to the same destination at once, on <StoreKind>' -ForEach @(@{ StoreKind = 'SQLite' }, @{ StoreKind = 'PostgreSQL' }) {
    BeforeAll {
        $storeSkip = Get-TestStoreSkipReason $StoreKind
    }

    BeforeEach {
        if ($skipReason -or $storeSkip) { return }
        $remote = New-RemoteFolder
        $store = New-TestStore $StoreKind
        $big = New-BigFile ('same-{0}.csv' -f $StoreKind) 200
        $sending = @{ LiteralPath = $big; Destination = $remote.Uri; HostKeyFingerprint = $fingerprint; Store = $store }
        # The first run is held inside its claim deterministically, not by racing its upload against the second run's
        # hashing (a fast machine uploads 200 MB before the second has hashed it): with -Marker Fin it waits, claim held,
        # while the folder holds Adobe's 50 MB of unprocessed data, until the test removes this file.
        $pending = Join-Path $remote.Local 'pending.txt'
        $stream = [IO.File]::Create($pending)
        try { $stream.SetLength(60MB) } finally { $stream.Dispose() }   # sparse: the limit without the disk use
        $holding = $sending + @{ Marker = 'Fin'; MaxWaitSec = 300 }
    }

    AfterEach {
        foreach ($child in $script:children) { if (-not $child.Process.HasExited) { $child.Process.Kill($true) } }
        $script:children.Clear()
    }

    AfterAll {
        Remove-TestStores
    }

    It 'sends it once: the second waits for the first, then skips it; one remote file, one Sent ledger entry' {
        if ($skipReason -or $storeSkip) { Set-ItResult -Skipped -Because $(if ($skipReason) { $skipReason } else { $storeSkip }); return }
        $first = Start-SendChild $holding
        Wait-Until -Condition { (Get-ChildLog $first) -match 'unprocessed' } -Because 'the first run holds the claim while it waits for room'
        $second = Start-SendChild $holding
        Wait-Until -Condition { (Get-ChildLog $second) -match 'another run is sending the same content' } -Because 'the second run waits for the first one''s claim'
        Remove-Item -LiteralPath $pending   # Adobe took the pending file: the first run uploads now, the second still waits

        $firstResults = Wait-SendChild $first
        $secondResults = Wait-SendChild $second

        $firstResults.Status | Should -Be 'Sent'
        $secondResults.Status | Should -Be 'Skipped'
        $secondResults.LedgerId | Should -Be $firstResults.LedgerId
        # it really overlapped: the second run saw the first one's live claim and waited for it
        (Get-ChildLog $second) -match 'another run is sending the same content' | Should -Not -BeNullOrEmpty -Because ((Get-ChildLog $second) -join "`n")
        $files = @(Get-ChildItem -LiteralPath $remote.Local -Filter '*.csv')
        $files.Name | Should -Be @((Split-Path -Leaf $big))
        $files[0].Length | Should -Be (Get-Item -LiteralPath $big).Length
        @(Get-ChildItem -LiteralPath $remote.Local).Name | Sort-Object | Should -Be @((Split-Path -Leaf $big), ([IO.Path]::GetFileNameWithoutExtension($big) + '.fin')) -Because 'one data file and its marker, nothing else'
        $ledger = @(Get-OfflineDataDelivery -Store $store)
        $ledger | Should -HaveCount 1
        $ledger[0].Status | Should -Be 'Sent'
    }

    It 'with -MaxWaitSec 0 the second gives up at once with DeliveryInProgress, and -Force does not make it send' {
        if ($skipReason -or $storeSkip) { Set-ItResult -Skipped -Because $(if ($skipReason) { $skipReason } else { $storeSkip }); return }
        $first = Start-SendChild $holding
        Wait-Until -Condition { (Get-ChildLog $first) -match 'unprocessed' } -Because 'the first run holds the claim while it waits for room'

        $second = Send-OfflineDataFile @sending -Credential $cred -MaxWaitSec 0 -Force -ErrorVariable failed -ErrorAction SilentlyContinue
        Remove-Item -LiteralPath $pending
        $firstResults = Wait-SendChild $first

        $second.Status | Should -Be 'Failed'
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DeliveryInProgress,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $failed[0].TargetObject | Should -Be $big
        "$failed" | Should -Match 'another run is sending the same content'
        "$failed" | Should -Match ([regex]::Escape($big))
        $firstResults.Status | Should -Be 'Sent'
        @(Get-ChildItem -LiteralPath $remote.Local -Filter '*.csv').Name | Should -Be @((Split-Path -Leaf $big))
        $ledger = @(Get-OfflineDataDelivery -Store $store)
        $ledger | Should -HaveCount 1
        $ledger[0].Status | Should -Be 'Sent'
    }
}

Describe 'Send-OfflineDataFile login and negotiation failures' {
    BeforeEach {
        if ($skipReason) { return }
        $remote = New-RemoteFolder
        $store = New-Store
    }

    It 'reports a wrong password as DeliveryAuthenticationFailed, never retried, without the password' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $file = New-TestFile 'p.csv' 'x'
        $wrongPassword = 'Wrong-' + [guid]::NewGuid().ToString('N')
        $wrong = [pscredential]::new($env:OFFLINEDATA_TEST_SFTP_USER, (ConvertTo-SecureString $wrongPassword -AsPlainText -Force))

        $result = Send-OfflineDataFile -Path $file -Destination $remote.Uri -Credential $wrong -HostKeyFingerprint $fingerprint -Store $store -ErrorVariable failures -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'Failed'
        $result.Attempts | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'DeliveryAuthenticationFailed,OfflineData.Commands.SendOfflineDataFileCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$($failures[0])" | Should -Match "port $($env:OFFLINEDATA_TEST_SFTP_PORT), user $($env:OFFLINEDATA_TEST_SFTP_USER)"
        ("$($failures[0])" + ($result | ConvertTo-Json)) | Should -Not -Match $wrongPassword
    }

    It 'reports a server sharing no MAC as SshNegotiationFailed, naming what each side offers' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $file = New-TestFile 'n.csv' 'x'
        $uri = "sftp://$($sftpHost):$($env:OFFLINEDATA_TEST_SFTP_UMAC_PORT)/upload"

        $result = Send-OfflineDataFile -Path $file -Destination $uri -Credential $cred -HostKeyFingerprint $fingerprint -Store $store -ErrorVariable failures -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'Failed'
        $result.Attempts | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'SshNegotiationFailed,OfflineData.Commands.SendOfflineDataFileCommand'
        "$($failures[0])" | Should -Match 'umac-128-etm@openssh\.com'
        "$($failures[0])" | Should -Match 'This client offers MACs hmac-'
    }
}

Describe 'Send-OfflineDataFile refuses before anything is read, opened or sent' {
    BeforeEach {
        $store = Join-Path $TestDrive ('store-{0}.db' -f [guid]::NewGuid().ToString('N'))
        $a = New-TestFile 'a.csv' 'a'
        $b = New-TestFile 'b.csv' 'b'
        $pin = 'SHA256:' + [Convert]::ToBase64String([byte[]]::new(32)).TrimEnd('=')
    }

    It 'refuses a pattern that gives two files one name (RemoteNameNotUnique), naming both' {
        $thrown = { Send-OfflineDataFile -LiteralPath $a, $b -Destination sftp://u@192.0.2.1/in -HostKeyFingerprint $pin -NamePattern 'export_{Timestamp}.csv' -Store $store } |
            Should -Throw -ErrorId 'RemoteNameNotUnique,OfflineData.Commands.SendOfflineDataFileCommand' -PassThru
        "$thrown" | Should -Match ([regex]::Escape($a))
        "$thrown" | Should -Match ([regex]::Escape($b))
        $store | Should -Not -Exist
    }

    It 'refuses an unknown token (InvalidNamePattern) and {ReportSuite} without -ReportSuite' {
        { Send-OfflineDataFile -LiteralPath $a -Destination sftp://u@192.0.2.1/in -HostKeyFingerprint $pin -NamePattern '{Date}.csv' -Store $store } |
            Should -Throw -ErrorId 'InvalidNamePattern,OfflineData.Commands.SendOfflineDataFileCommand'
        { Send-OfflineDataFile -LiteralPath $a -Destination sftp://u@192.0.2.1/in -HostKeyFingerprint $pin -NamePattern '{ReportSuite}_{Name}' -Store $store } |
            Should -Throw -ErrorId 'InvalidNamePattern,OfflineData.Commands.SendOfflineDataFileCommand'
        $store | Should -Not -Exist
    }

    It 'refuses a password inside the destination URI without repeating it (InvalidDestination)' {
        $thrown = { Send-OfflineDataFile -LiteralPath $a -Destination 'sftp://u:Hunter2Secret@192.0.2.1/in' -HostKeyFingerprint $pin -Store $store } |
            Should -Throw -ErrorId 'InvalidDestination,OfflineData.Commands.SendOfflineDataFileCommand' -PassThru
        "$thrown" | Should -Not -Match 'Hunter2Secret'
        $thrown.TargetObject | Should -Not -Match 'Hunter2Secret'
    }

    It 'refuses a malformed fingerprint, and -AcceptAnyHostKey with another host-key choice (HostKeyPolicyRequired)' {
        { Send-OfflineDataFile -LiteralPath $a -Destination sftp://u@192.0.2.1/in -HostKeyFingerprint 'MD5:aa:bb' -Store $store } |
            Should -Throw -ErrorId 'HostKeyPolicyRequired,OfflineData.Commands.SendOfflineDataFileCommand'
        { Send-OfflineDataFile -LiteralPath $a -Destination sftp://u@192.0.2.1/in -KnownHostsPath (Join-Path $TestDrive 'none') -Store $store } |
            Should -Throw -ErrorId 'HostKeyPolicyRequired,OfflineData.Commands.SendOfflineDataFileCommand'
        $store | Should -Not -Exist
    }

    It 'refuses a -KeyFilePath that names no file (KeyFileNotFound), once, before anything is opened' {
        $missing = Join-Path $TestDrive 'no-such-key'
        $thrown = { Send-OfflineDataFile -LiteralPath $a, $b -Destination sftp://u@192.0.2.1/in -HostKeyFingerprint $pin -KeyFilePath $missing -Store $store } |
            Should -Throw -ErrorId 'KeyFileNotFound,OfflineData.Commands.SendOfflineDataFileCommand' -PassThru
        $thrown.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $thrown.TargetObject | Should -Be $missing
        "$thrown" | Should -Match ([regex]::Escape($missing))
        $store | Should -Not -Exist
    }

    It 'sends the files of one -Marker Fin call in name order, the sequence following it (-WhatIf)' {
        $c = New-TestFile 'c.txt' 'c'
        $first = New-TestFile 'A.TXT' 'A'
        # In a real pwsh: the What if: lines go to the host, in the order the files would be sent.
        $exe = (Get-Process -Id $PID).Path
        [string[]] $prefix = if ($exe -notmatch 'pwsh') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
        $command = "Import-Module '$OfflineDataManifestPath'; Send-OfflineDataFile -LiteralPath '$c', '$first' -Destination sftp://u@192.0.2.1/in -HostKeyFingerprint '$pin' -Marker Fin -NamePattern '{BaseName}_{Sequence}{Extension}' -Store '$store' -WhatIf"
        $text = @((& $exe @prefix -NoProfile -NonInteractive -OutputFormat Text -Command $command 2>&1) | ForEach-Object { "$_" } | Where-Object { $_ -like 'What if:*' })

        $text[0] | Should -Match "as 'A_0001\.txt' then 'A_0001\.fin'"
        $text[1] | Should -Match "as 'c_0002\.txt' then 'c_0002\.fin'"
        $store | Should -Not -Exist
    }
}
