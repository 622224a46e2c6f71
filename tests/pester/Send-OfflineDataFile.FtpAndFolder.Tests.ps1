#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Issue 10: Send-OfflineDataFile to ftp://, ftps:// (explicit TLS) and local folders. The FTP tests run against the
# vsftpd servers of .ci/ftp.sh (OFFLINEDATA_TEST_FTP_*: plain and TLS on loopback, a self-signed certificate made per
# run, a 2 MB tmpfs folder): skipped without them, failing in CI. The folder tests need nothing but a disk (and root
# for the disk-full one, as in Send-OfflineDataFile.Tests.ps1). The SFTP side is in Send-OfflineDataFile.Tests.ps1.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $inCi = $env:CI -eq 'true' -or $env:CI -eq '1'
    $ftpHost = $env:OFFLINEDATA_TEST_FTP_HOST
    $skipReason = if ($ftpHost) { $null }
    elseif ($inCi) { throw 'OFFLINEDATA_TEST_FTP_HOST is not set; CI needs the FTP servers of .ci/ftp.sh.' }
    else { 'No FTP server: source .ci/ftp.sh and run start_test_ftp (OFFLINEDATA_TEST_FTP_HOST is not set).' }
    if ($ftpHost) {
        $cred = [pscredential]::new($env:OFFLINEDATA_TEST_FTP_USER, (ConvertTo-SecureString $env:OFFLINEDATA_TEST_FTP_PASSWORD -AsPlainText -Force))
        $pin = $env:OFFLINEDATA_TEST_FTP_CERT_FINGERPRINT
        $uploadRoot = Join-Path $env:OFFLINEDATA_TEST_FTP_ROOT $env:OFFLINEDATA_TEST_FTP_DIR.TrimStart('/')
    }

    # A fresh folder in the server's upload folder: its ftp:// or ftps:// URI and where it is on the local disk.
    function New-FtpFolder([ValidateSet('ftp', 'ftps')] [string] $Scheme) {
        $name = 't' + [guid]::NewGuid().ToString('N')
        $local = Join-Path $uploadRoot $name
        $null = New-Item -ItemType Directory -Path $local
        & chmod 777 $local   # the tests run as root; the FTP user writes here
        $port = if ($Scheme -eq 'ftps') { $env:OFFLINEDATA_TEST_FTP_TLS_PORT } else { $env:OFFLINEDATA_TEST_FTP_PORT }
        [pscustomobject]@{ Uri = "$($Scheme)://$($ftpHost):$port$($env:OFFLINEDATA_TEST_FTP_DIR.TrimEnd('/'))/$name"; Local = $local }
    }

    function New-Store { Join-Path $TestDrive ('store-{0}.db' -f [guid]::NewGuid().ToString('N')) }

    # A file of $Megabytes MB (zeros, sparse: quick to make, a real transfer to send).
    function New-BigFile([string] $Name, [int] $Megabytes) {
        $path = Join-Path $TestDrive $Name
        $stream = [IO.File]::Create($path)
        try { $stream.SetLength([long]$Megabytes * 1MB) } finally { $stream.Dispose() }
        $path
    }

    # The USER commands the FTPS server received (vsftpd's protocol log): a refused certificate must add none.
    function Get-UserCommands { @(Get-Content -LiteralPath $env:OFFLINEDATA_TEST_FTP_LOG | Where-Object { $_ -match '"USER ' }) }

    # Runs a command in a real child pwsh (what a user sees on the console, including What if: lines) and returns its text.
    function Invoke-ChildPwsh([string] $Command) {
        $exe = (Get-Process -Id $PID).Path
        [string[]] $prefix = if ($exe -notmatch 'pwsh') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
        (& $exe @prefix -NoProfile -NonInteractive -OutputFormat Text -Command "Import-Module '$OfflineDataManifestPath'; $Command" 2>&1) -join "`n"
    }

    # A child pwsh sending one file with the splatted parameters (JSON) and the FTP login, so a test can watch the
    # remote folder while it runs; its results come back as JSON lines.
    $script:children = [Collections.Generic.List[object]]::new()
    $childScript = Join-Path $TestDrive 'send-ftp-child.ps1'
    Set-Content -LiteralPath $childScript -Value @'
param([string] $Manifest, [string] $Log, [string] $ParametersJson, [switch] $NoCredential)
Import-Module $Manifest
$parameters = $ParametersJson | ConvertFrom-Json -AsHashtable
if (-not $NoCredential) {
    $parameters.Credential = [pscredential]::new($env:OFFLINEDATA_TEST_FTP_USER, (ConvertTo-SecureString $env:OFFLINEDATA_TEST_FTP_PASSWORD -AsPlainText -Force))
}
Send-OfflineDataFile @parameters *>&1 | ForEach-Object {
    $line = if ($_.PSObject.TypeNames -contains 'OfflineData.Core.Delivery.DeliveryResult') { 'RESULT ' + ($_ | Select-Object * -ExcludeProperty Duration | ConvertTo-Json -Compress) } else { "$($_.GetType().Name): $_" }
    Add-Content -LiteralPath $Log -Value $line
}
'@

    function Start-SendChild([hashtable] $Parameters, [switch] $NoCredential) {
        $log = Join-Path $TestDrive ('child-{0}.log' -f [guid]::NewGuid().ToString('N'))
        $exe = (Get-Process -Id $PID).Path
        $info = [Diagnostics.ProcessStartInfo]::new($exe)
        $info.UseShellExecute = $false
        if ($exe -notmatch 'pwsh') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }   # dotnet pwsh
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $childScript, '-Manifest', $OfflineDataManifestPath,
            '-Log', $log, '-ParametersJson', ($Parameters | ConvertTo-Json -Compress)) {
            $info.ArgumentList.Add($argument)
        }
        if ($NoCredential) { $info.ArgumentList.Add('-NoCredential') }
        $child = [pscustomobject]@{ Process = [Diagnostics.Process]::Start($info); Log = $log }
        $script:children.Add($child)
        $child
    }

    function Wait-SendChild($Child, [int] $Seconds = 120) {
        if (-not $Child.Process.WaitForExit($Seconds * 1000)) {
            $Child.Process.Kill($true)
            throw "The send child did not end within $Seconds s."
        }
        $log = if (Test-Path -LiteralPath $Child.Log) { @(Get-Content -LiteralPath $Child.Log) } else { @() }
        [pscustomobject]@{
            Results = @($log | Where-Object { $_.StartsWith('RESULT ') } | ForEach-Object { $_.Substring(7) | ConvertFrom-Json })
            Log     = $log -join "`n"
        }
    }
}

AfterAll {
    foreach ($child in $script:children) { if (-not $child.Process.HasExited) { $child.Process.Kill($true) } }
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Send-OfflineDataFile to the test FTP server (plain ftp://)' {
    BeforeEach {
        if ($skipReason) { return }
        $remote = New-FtpFolder ftp
        $store = New-Store
        $common = @{ Destination = $remote.Uri; Credential = $cred; Store = $store }
    }

    It 'sends, warning on every run that the password travels unencrypted; a re-run is skipped by the ledger; -Force replaces' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $file = New-TestFile 'day.csv' 'a;b;c'

        $first = Send-OfflineDataFile -LiteralPath $file @common -WarningVariable w1 3>$null
        'changed by someone' | Set-Content -LiteralPath (Join-Path $remote.Local 'day.csv')
        $again = Send-OfflineDataFile -LiteralPath $file @common -WarningVariable w2 3>$null
        $forced = Send-OfflineDataFile -LiteralPath $file @common -Force -WarningVariable w3 3>$null

        $first.Status | Should -Be 'Sent'
        $first.Destination | Should -BeExactly "ftp://$($env:OFFLINEDATA_TEST_FTP_USER)@$($ftpHost):$($env:OFFLINEDATA_TEST_FTP_PORT)$($env:OFFLINEDATA_TEST_FTP_DIR)/$(Split-Path -Leaf $remote.Local)"
        @($w1 | Where-Object { "$_" -match 'plain FTP sends the password and the files unencrypted.*ftps://.*sftp://' }) | Should -HaveCount 1
        @($w3 | Where-Object { "$_" -match 'plain FTP sends the password' }) | Should -HaveCount 1
        $again.Status | Should -Be 'Skipped'
        $again.LedgerId | Should -Be $first.LedgerId
        "$w2" | Should -Match "ledger entry $($first.LedgerId)\); not sent again"
        $forced.Status | Should -Be 'Sent'
        Get-Content -LiteralPath (Join-Path $remote.Local 'day.csv') -Raw | Should -Be (Get-Content -LiteralPath $file -Raw)
        @(Get-ChildItem -LiteralPath $remote.Local).Name | Should -Be @('day.csv')
    }

    It 'never shows a partial file under the final name, and uploads the .fin only after its data file is complete' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $big = New-BigFile 'adobe_0001.TXT' 200
        $size = (Get-Item -LiteralPath $big).Length
        $child = Start-SendChild @{ LiteralPath = $big; Destination = $remote.Uri; Store = $store; Marker = 'Fin' }
        $snapshots = [Collections.Generic.List[object]]::new()
        while (-not $child.Process.HasExited) {
            $snapshots.Add(@(Get-ChildItem -LiteralPath $remote.Local | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Length = $_.Length } }))
        }
        $run = Wait-SendChild $child

        $run.Results.Status | Should -Be 'Sent' -Because $run.Log
        $run.Results.MarkerName | Should -Be 'adobe_0001.fin'
        @($snapshots | Where-Object { $_.Name -contains 'adobe_0001.txt.part' }).Count | Should -BeGreaterThan 0 -Because 'the poller watched during the upload'
        foreach ($snapshot in $snapshots) {
            $data = $snapshot | Where-Object Name -EQ 'adobe_0001.txt'
            if ($data) { $data.Length | Should -Be $size -Because 'the final name only ever holds the complete file' }
            if ($snapshot.Name -contains 'adobe_0001.fin') { $data | Should -Not -BeNullOrEmpty -Because 'the .fin comes only after its data file is complete' }
        }
        @(Get-ChildItem -LiteralPath $remote.Local).Name | Sort-Object | Should -Be @('adobe_0001.fin', 'adobe_0001.txt')
        (Get-Item (Join-Path $remote.Local 'adobe_0001.fin')).Length | Should -Be 0
    }

    It 'reports a full disk on the <Scheme> server as DeliveryWriteFailed and leaves no final name' -TestCases @(@{ Scheme = 'ftp' }, @{ Scheme = 'ftps' }) {
        param($Scheme)
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $port = if ($Scheme -eq 'ftps') { $env:OFFLINEDATA_TEST_FTP_TLS_PORT } else { $env:OFFLINEDATA_TEST_FTP_PORT }
        $small = Join-Path $env:OFFLINEDATA_TEST_FTP_ROOT $env:OFFLINEDATA_TEST_FTP_SMALL_DIR.TrimStart('/')
        $file = New-BigFile "toobig-$Scheme.csv" 3   # the folder is a 2 MB file system
        $trust = if ($Scheme -eq 'ftps') { @{ CertificateFingerprint = $pin } } else { @{} }

        $result = Send-OfflineDataFile -LiteralPath $file -Destination "$($Scheme)://$($ftpHost):$port$($env:OFFLINEDATA_TEST_FTP_SMALL_DIR)" -Credential $cred @trust -Store $store -RetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        $result.Status | Should -Be 'Failed'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'DeliveryWriteFailed,OfflineData.Commands.SendOfflineDataFileCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'WriteError'
        $failures[0].TargetObject | Should -Be $file
        "$($failures[0])" | Should -Match "host $ftpHost, port $port, user $($env:OFFLINEDATA_TEST_FTP_USER)"
        Join-Path $small "toobig-$Scheme.csv" | Should -Not -Exist
        Join-Path $small "toobig-$Scheme.csv.part" | Should -Not -Exist   # removed: the space is free again
    }

    It 'reports a wrong password as DeliveryAuthenticationFailed naming host, port and user, never the password' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $file = New-TestFile 'p.csv' 'x'
        $wrongPassword = 'Wrong-' + [guid]::NewGuid().ToString('N')
        $wrong = [pscredential]::new($env:OFFLINEDATA_TEST_FTP_USER, (ConvertTo-SecureString $wrongPassword -AsPlainText -Force))

        $result = Send-OfflineDataFile -LiteralPath $file -Destination $remote.Uri -Credential $wrong -Store $store -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        $result.Status | Should -Be 'Failed'
        $result.Attempts | Should -Be 1   # a refused login is not retried
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'DeliveryAuthenticationFailed,OfflineData.Commands.SendOfflineDataFileCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$($failures[0])" | Should -Match "host $ftpHost, port $($env:OFFLINEDATA_TEST_FTP_PORT), user $($env:OFFLINEDATA_TEST_FTP_USER)"
        ("$($failures[0])" + $failures[0].Exception.ToString() + ($result | ConvertTo-Json) + (Get-OfflineDataDelivery -Store $store | ConvertTo-Json)) | Should -Not -Match $wrongPassword
    }
}

Describe 'Send-OfflineDataFile to the test FTPS server (ftps://, explicit TLS)' {
    BeforeEach {
        if ($skipReason) { return }
        $remote = New-FtpFolder ftps
        $store = New-Store
    }

    It 'sends Get-ChildItem''s files to a pinned certificate; results go to JSON and CSV; Get-OfflineDataDelivery lists them without secrets' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $folder = Join-Path $TestDrive ('in-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        'one' | Set-Content -LiteralPath (Join-Path $folder 'a.txt')
        'two' | Set-Content -LiteralPath (Join-Path $folder 'b.txt')
        # openssl's own line and lowercase hex without colons are the same pin
        $pins = "sha256 Fingerprint=$pin", ($pin -replace ':').ToLowerInvariant()

        $results = Get-ChildItem -LiteralPath $folder -Filter *.txt | Send-OfflineDataFile -Destination $remote.Uri -Credential $cred -CertificateFingerprint $pins -Store $store -Marker Fin -WarningVariable warnings

        $results.Status | Should -Be @('Sent', 'Sent')
        $warnings | Should -HaveCount 0   # encrypted and pinned: nothing to warn about
        @(Get-ChildItem -LiteralPath $remote.Local).Name | Sort-Object | Should -Be @('a.fin', 'a.txt', 'b.fin', 'b.txt')
        Get-Content -LiteralPath (Join-Path $remote.Local 'b.txt') | Should -Be 'two'
        $json = @($results | ConvertTo-Json | ConvertFrom-Json)
        $json[1].RemoteName | Should -Be 'b.txt'
        $json[1].MarkerName | Should -Be 'b.fin'
        $json[1].DurationSeconds | Should -BeOfType [double]
        $csv = Join-Path $TestDrive ('results-{0}.csv' -f [guid]::NewGuid().ToString('N'))
        $results | Export-Csv -LiteralPath $csv -NoTypeInformation
        (Import-Csv -LiteralPath $csv).Status | Should -Be @('Sent', 'Sent')
        (Get-Content -LiteralPath $csv -Raw) | Should -Not -Match ([regex]::Escape($env:OFFLINEDATA_TEST_FTP_PASSWORD))

        $ledger = @(Get-OfflineDataDelivery -Store $store)
        $ledger.FileName | Should -Be @('b.txt', 'a.txt')   # newest first
        $ledger.Status | Should -Be @('Sent', 'Sent')
        $ledger[0].Destination | Should -BeExactly $results[0].Destination
        $ledger[0].Destination | Should -Match "^ftps://$($env:OFFLINEDATA_TEST_FTP_USER)@$($ftpHost):$($env:OFFLINEDATA_TEST_FTP_TLS_PORT)/"
        ($ledger | ConvertTo-Json) | Should -Not -Match ([regex]::Escape($env:OFFLINEDATA_TEST_FTP_PASSWORD))
        @(Get-OfflineDataDelivery -Store $store -Destination $results[0].Destination) | Should -HaveCount 2
    }

    It 'refuses a wrong fingerprint before logging in, naming the certificate presented; vsftpd sees no USER' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $file = New-TestFile 'k.csv' 'x'
        $wrong = (@('00') * 32) -join ':'
        $before = Get-UserCommands

        $result = Send-OfflineDataFile -LiteralPath $file -Destination $remote.Uri -Credential $cred -CertificateFingerprint $wrong -Store $store -ErrorVariable failures -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'Failed'
        $result.Attempts | Should -Be 1   # never retried
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'HostKeyMismatch,OfflineData.Commands.SendOfflineDataFileCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'SecurityError'
        "$($failures[0])" | Should -Match ([regex]::Escape($pin))
        "$($failures[0])" | Should -Match 'No user name or password was sent'
        "$($failures[0])" | Should -Match "port $($env:OFFLINEDATA_TEST_FTP_TLS_PORT)"
        Start-Sleep -Milliseconds 300
        (Get-UserCommands).Count | Should -Be $before.Count
        @(Get-ChildItem -LiteralPath $remote.Local) | Should -HaveCount 0
    }

    It 'by default trusts the system chain only, which refuses the self-signed test certificate before logging in' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $file = New-TestFile 's.csv' 'x'
        $before = Get-UserCommands

        $result = Send-OfflineDataFile -LiteralPath $file -Destination $remote.Uri -Credential $cred -Store $store -ErrorVariable failures -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'Failed'
        $failures[0].FullyQualifiedErrorId | Should -Be 'HostKeyMismatch,OfflineData.Commands.SendOfflineDataFileCommand'
        "$($failures[0])" | Should -Match 'is not trusted by this system'
        "$($failures[0])" | Should -Match 'pin its fingerprint or accept any certificate explicitly'
        "$($failures[0])" | Should -Match ([regex]::Escape($pin))
        Start-Sleep -Milliseconds 300
        (Get-UserCommands).Count | Should -Be $before.Count
    }

    It 'with -AcceptAnyCertificate sends, warning on every run' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $a = New-TestFile 'any1.csv' '1'
        $b = New-TestFile 'any2.csv' '2'

        $first = Send-OfflineDataFile -LiteralPath $a -Destination $remote.Uri -Credential $cred -AcceptAnyCertificate -Store $store -WarningVariable w1 3>$null
        $second = Send-OfflineDataFile -LiteralPath $b -Destination $remote.Uri -Credential $cred -AcceptAnyCertificate -Store $store -WarningVariable w2 3>$null

        $first.Status | Should -Be 'Sent'
        $second.Status | Should -Be 'Sent'
        @($w1 | Where-Object { "$_" -match 'any server certificate is accepted \(-AcceptAnyCertificate\)' }) | Should -HaveCount 1
        @($w2 | Where-Object { "$_" -match 'any server certificate is accepted' }) | Should -HaveCount 1
        @(Get-ChildItem -LiteralPath $remote.Local).Name | Sort-Object | Should -Be @('any1.csv', 'any2.csv')
    }

    It 'reports a server that does not offer AUTH TLS as TlsNegotiationFailed, before any login' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $file = New-TestFile 'n.csv' 'x'
        $plainUsers = { @(Get-Content -LiteralPath $env:OFFLINEDATA_TEST_FTP_PLAIN_LOG | Where-Object { $_ -match '"USER ' }).Count }
        $before = & $plainUsers

        # The plain server, named ftps://: it answers AUTH TLS with an error.
        $result = Send-OfflineDataFile -LiteralPath $file -Destination "ftps://$($ftpHost):$($env:OFFLINEDATA_TEST_FTP_PORT)$($env:OFFLINEDATA_TEST_FTP_DIR)" -Credential $cred -CertificateFingerprint $pin -Store $store -ErrorVariable failures -ErrorAction SilentlyContinue

        $result.Status | Should -Be 'Failed'
        $result.Attempts | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'TlsNegotiationFailed,OfflineData.Commands.SendOfflineDataFileCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ProtocolError'
        "$($failures[0])" | Should -Match 'does not offer explicit TLS \(AUTH TLS\)'
        Start-Sleep -Milliseconds 300
        & $plainUsers | Should -Be $before
    }

    It '-WhatIf in a real pwsh shows destination and names, no password, no warning, and connects to nothing' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $file = New-TestFile 'w.txt' 'x'
        $logBefore = @(Get-Content -LiteralPath $env:OFFLINEDATA_TEST_FTP_LOG).Count

        $output = Invoke-ChildPwsh ("`$c = [pscredential]::new(`$env:OFFLINEDATA_TEST_FTP_USER, (ConvertTo-SecureString `$env:OFFLINEDATA_TEST_FTP_PASSWORD -AsPlainText -Force)); " +
            "Send-OfflineDataFile -Path '$file' -Destination '$($remote.Uri)' -Credential `$c -AcceptAnyCertificate -Store '$store' -Marker Fin -WhatIf")

        $output | Should -Match ([regex]::Escape("What if: Sending '$file' to ftps://$($env:OFFLINEDATA_TEST_FTP_USER)@$($ftpHost):$($env:OFFLINEDATA_TEST_FTP_TLS_PORT)") + ".* as 'w.txt' then 'w.fin'")
        $output | Should -Not -Match ([regex]::Escape($env:OFFLINEDATA_TEST_FTP_PASSWORD))
        $output | Should -Not -Match 'WARNING'
        $store | Should -Not -Exist
        Start-Sleep -Milliseconds 300
        @(Get-Content -LiteralPath $env:OFFLINEDATA_TEST_FTP_LOG).Count | Should -Be $logBefore
    }
}

Describe 'Send-OfflineDataFile to a local folder' {
    BeforeEach {
        $drop = Join-Path $TestDrive ('drop-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $drop
        $store = New-Store
    }

    It 'resolves a relative folder against the PowerShell location; -Marker Fin; a re-run is skipped; -Force replaces' {
        $file = New-TestFile 'shop_0001.TXT' 'a;b'
        Push-Location -LiteralPath $TestDrive
        try {
            # The process's directory is elsewhere: only the PowerShell location makes this the drop folder.
            [Environment]::CurrentDirectory = [IO.Path]::GetTempPath()
            $relative = Join-Path . (Split-Path -Leaf $drop)
            $first = Send-OfflineDataFile -LiteralPath $file -Destination $relative -Marker Fin -Store $store -WarningVariable w1
            'changed by someone' | Set-Content -LiteralPath (Join-Path $drop 'shop_0001.txt')
            $again = Send-OfflineDataFile -LiteralPath $file -Destination $relative -Marker Fin -Store $store -WarningVariable w2 3>$null
            $forced = Send-OfflineDataFile -LiteralPath $file -Destination $relative -Marker Fin -Store $store -Force
        }
        finally {
            Pop-Location
        }

        $first.Status | Should -Be 'Sent'
        $first.Destination | Should -BeExactly $drop
        $first.RemoteName | Should -Be 'shop_0001.txt'
        $first.MarkerName | Should -Be 'shop_0001.fin'
        $w1 | Should -HaveCount 0
        $again.Status | Should -Be 'Skipped'
        "$w2" | Should -Match "ledger entry $($first.LedgerId)\); not sent again"
        $forced.Status | Should -Be 'Sent'
        Get-Content -LiteralPath (Join-Path $drop 'shop_0001.txt') -Raw | Should -Be (Get-Content -LiteralPath $file -Raw)
        @(Get-ChildItem -LiteralPath $drop).Name | Sort-Object | Should -Be @('shop_0001.fin', 'shop_0001.txt')
        (Get-Item -LiteralPath (Join-Path $drop 'shop_0001.fin')).Length | Should -Be 0
        (Get-OfflineDataDelivery -Store $store).Destination | Select-Object -Unique | Should -BeExactly $drop
    }

    It 'sends nothing after the pipeline stops (Select-Object -First 1 on five files sends one)' {
        $files = 1..5 | ForEach-Object { New-TestFile "night_000$_.csv" "a;$_" }

        $first = Send-OfflineDataFile -LiteralPath $files -Destination $drop -Store $store | Select-Object -First 1

        $first.RemoteName | Should -Be 'night_0001.csv'
        @(Get-ChildItem -LiteralPath $drop).Name | Should -Be @('night_0001.csv')
        @(Get-OfflineDataDelivery -Store $store).FileName | Should -Be @('night_0001.csv')
    }

    It 'never shows a partial file under the final name, and writes the .fin only after its data file is complete' {
        $big = New-BigFile 'big_0001.txt' 200
        $size = (Get-Item -LiteralPath $big).Length
        $child = Start-SendChild @{ LiteralPath = $big; Destination = $drop; Store = $store; Marker = 'Fin' } -NoCredential
        $snapshots = [Collections.Generic.List[object]]::new()
        while (-not $child.Process.HasExited) {
            $snapshots.Add(@(Get-ChildItem -LiteralPath $drop | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Length = $_.Length } }))
        }
        $run = Wait-SendChild $child

        $run.Results.Status | Should -Be 'Sent' -Because $run.Log
        @($snapshots | Where-Object { $_.Name -contains 'big_0001.txt.part' }).Count | Should -BeGreaterThan 0 -Because 'the poller watched during the copy'
        foreach ($snapshot in $snapshots) {
            $data = $snapshot | Where-Object Name -EQ 'big_0001.txt'
            if ($data) { $data.Length | Should -Be $size -Because 'the final name only ever holds the complete file' }
            if ($snapshot.Name -contains 'big_0001.fin') { $data | Should -Not -BeNullOrEmpty -Because 'the .fin comes only after its data file is complete' }
        }
        @(Get-ChildItem -LiteralPath $drop).Name | Sort-Object | Should -Be @('big_0001.fin', 'big_0001.txt')
    }

    It 'reports a full disk as DeliveryWriteFailed and leaves no final name and no partial file' {
        $full = Join-Path $drop 'full'
        $null = New-Item -ItemType Directory -Path $full
        if ($IsWindows) { Set-ItResult -Skipped -Because 'a small file system to fill is mounted with tmpfs (Linux, as root)'; return }
        & mount -t tmpfs -o size=1m,mode=0777 tmpfs $full 2>$null
        if ($LASTEXITCODE -ne 0) {
            if ($inCi) { throw 'mount -t tmpfs failed: CI runs as root and must be able to mount a small tmpfs' }
            Set-ItResult -Skipped -Because 'mounting a tmpfs needs root'; return
        }
        try {
            $file = New-BigFile 'toobig.csv' 3

            $result = Send-OfflineDataFile -LiteralPath $file -Destination $full -Store $store -RetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue

            $result.Status | Should -Be 'Failed'
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'DeliveryWriteFailed,OfflineData.Commands.SendOfflineDataFileCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'WriteError'
            "$($failures[0])" | Should -Match ([regex]::Escape("'$file' was not sent: Writing '$full/toobig.csv.part' failed after"))
            "$($failures[0])" | Should -Not -Match 'host |port 0'   # a folder has neither
            Join-Path $full 'toobig.csv' | Should -Not -Exist
            Join-Path $full 'toobig.csv.part' | Should -Not -Exist
        }
        finally {
            & umount $full
        }
    }

    It 'reports a missing folder as DeliveryFolderNotFound at once, without retrying, and creates nothing' {
        $files = 'm1.csv', 'm2.csv' | ForEach-Object { New-TestFile $_ 'x' }
        $missing = Join-Path $drop 'not-made-yet'
        $clock = [Diagnostics.Stopwatch]::StartNew()

        $results = Send-OfflineDataFile -LiteralPath $files -Destination $missing -Store $store -RetryCount 3 -ErrorVariable failures -ErrorAction SilentlyContinue

        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5 -Because 'a folder that does not exist is not waited for (3 retries with back-off took 14 s)'
        $results.Status | Should -Be @('Failed', 'Failed')
        $results.Attempts | Should -Be @(1, 1)
        $failures | Should -HaveCount 2
        $failures[0].FullyQualifiedErrorId | Should -Be 'DeliveryFolderNotFound,OfflineData.Commands.SendOfflineDataFileCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $files[0]
        "$($failures[0])" | Should -Match ([regex]::Escape($missing))
        $missing | Should -Not -Exist
    }

    It 'refuses -Credential for a folder before anything is read (CredentialNotApplicable)' {
        $file = New-TestFile 'c.csv' 'x'
        $login = [pscredential]::new('someone', (ConvertTo-SecureString 'Not-Used-42' -AsPlainText -Force))

        $thrown = { Send-OfflineDataFile -LiteralPath $file -Destination $drop -Credential $login -Store $store } |
            Should -Throw -ErrorId 'CredentialNotApplicable,OfflineData.Commands.SendOfflineDataFileCommand' -PassThru

        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.TargetObject | Should -BeExactly $drop
        "$thrown" | Should -Match 'identity this PowerShell runs as'
        "$thrown" | Should -Not -Match 'Not-Used-42'
        $store | Should -Not -Exist
        @(Get-ChildItem -LiteralPath $drop) | Should -HaveCount 0
    }

    It 'sends to a UNC path (Windows: the administrative share of the test folder, as the caller)' {
        if (-not $IsWindows) { Set-ItResult -Skipped -Because 'UNC paths (\\server\share) are a Windows file system feature; elsewhere a share is a mounted folder, tested above'; return }
        $full = (Resolve-Path -LiteralPath $drop).ProviderPath
        $unc = '\\localhost\{0}${1}' -f $full.Substring(0, 1), $full.Substring(2)
        if (-not (Test-Path -LiteralPath $unc)) { Set-ItResult -Skipped -Because "the administrative share $unc is not reachable (it needs an administrator)"; return }
        $file = New-TestFile 'unc.csv' 'x'

        $result = Send-OfflineDataFile -LiteralPath $file -Destination $unc -Store $store

        $result.Status | Should -Be 'Sent'
        $result.Destination | Should -BeExactly $unc
        Join-Path $drop 'unc.csv' | Should -Exist
    }
}

Describe 'Send-OfflineDataFile refuses certificate trust that does not fit, before anything is read' {
    BeforeEach {
        $store = Join-Path $TestDrive ('store-{0}.db' -f [guid]::NewGuid().ToString('N'))
        $file = New-TestFile 'a.csv' 'a'
        $goodPin = (@('AB') * 32) -join ':'
        $hostPin = 'SHA256:' + [Convert]::ToBase64String([byte[]]::new(32)).TrimEnd('=')
    }

    It 'refuses <Parameter> for <Destination> (InvalidCertificateTrust), saying what applies there instead' -TestCases @(
        @{ Destination = 'sftp://u@192.0.2.1/in'; Parameter = '-CertificateFingerprint'; Hint = 'An SFTP server is trusted by its host key' }
        @{ Destination = 'ftp://u@192.0.2.1/in'; Parameter = '-AcceptAnyCertificate'; Hint = 'Plain FTP has no certificate: use ftps://' }
        @{ Destination = '/tmp'; Parameter = '-CertificateFingerprint'; Hint = 'applies to ftps:// destinations only' }
    ) {
        param($Destination, $Parameter, $Hint)
        $trust = if ($Parameter -eq '-CertificateFingerprint') { @{ CertificateFingerprint = $goodPin } } else { @{ AcceptAnyCertificate = $true } }
        $hostKey = if ($Destination -like 'sftp*') { @{ HostKeyFingerprint = $hostPin } } else { @{} }

        $thrown = { Send-OfflineDataFile -LiteralPath $file -Destination $Destination @trust @hostKey -Store $store } |
            Should -Throw -ErrorId 'InvalidCertificateTrust,OfflineData.Commands.SendOfflineDataFileCommand' -PassThru

        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$thrown" | Should -Match ([regex]::Escape("$Parameter applies to ftps:// destinations only"))
        "$thrown" | Should -Match ([regex]::Escape($Hint))
        $store | Should -Not -Exist
    }

    It 'refuses -CertificateFingerprint with -AcceptAnyCertificate, and a fingerprint that is not SHA-256, naming it' {
        { Send-OfflineDataFile -LiteralPath $file -Destination ftps://u@192.0.2.1/in -CertificateFingerprint $goodPin -AcceptAnyCertificate -Store $store } |
            Should -Throw -ErrorId 'InvalidCertificateTrust,OfflineData.Commands.SendOfflineDataFileCommand'
        $thrown = { Send-OfflineDataFile -LiteralPath $file -Destination ftps://u@192.0.2.1/in -CertificateFingerprint $goodPin, 'AB:CD:EF' -Store $store } |
            Should -Throw -ErrorId 'InvalidCertificateTrust,OfflineData.Commands.SendOfflineDataFileCommand' -PassThru
        $thrown.TargetObject | Should -BeExactly 'AB:CD:EF'
        "$thrown" | Should -Match "'AB:CD:EF' is not a SHA-256 fingerprint.*openssl x509 -noout -fingerprint -sha256"
        # An SSH fingerprint is not a certificate's: SHA256:base64 of 32 bytes is understood, an MD5 one is not.
        { Send-OfflineDataFile -LiteralPath $file -Destination ftps://u@192.0.2.1/in -CertificateFingerprint 'MD5:aa:bb' -Store $store } |
            Should -Throw -ErrorId 'InvalidCertificateTrust,OfflineData.Commands.SendOfflineDataFileCommand'
        $store | Should -Not -Exist
    }

    It 'refuses an SSH host-key option for ftps://, pointing at -CertificateFingerprint (HostKeyPolicyRequired)' {
        $thrown = { Send-OfflineDataFile -LiteralPath $file -Destination ftps://u@192.0.2.1/in -HostKeyFingerprint $hostPin -Store $store } |
            Should -Throw -ErrorId 'HostKeyPolicyRequired,OfflineData.Commands.SendOfflineDataFileCommand' -PassThru
        "$thrown" | Should -Match 'An FTPS server is trusted by its certificate: -CertificateFingerprint'
        $store | Should -Not -Exist
    }
}
