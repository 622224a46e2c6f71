#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# examples/Invoke-NightlyDelivery.ps1 as a scheduler runs it (issue 10, "Nightly"): a child pwsh with -File, judged by
# its exit code and by what arrived on the real OpenSSH server of .ci/sftp.sh (OFFLINEDATA_TEST_SFTP_*): skipped
# without it, failing in CI. The script imports OfflineData by name, so the child finds the assembled module through
# PSModulePath. Every run has its own store, work folder and remote folders under $TestDrive and the server's upload/.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Assert-OfflineDataNotShadowed
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $examples = Join-Path $repoRoot 'examples'
    $deliveryScript = Join-Path $examples 'Invoke-NightlyDelivery.ps1'

    $sftpHost = $env:OFFLINEDATA_TEST_SFTP_HOST
    $skipReason = if ($sftpHost) { $null }
    elseif ($env:CI -eq 'true' -or $env:CI -eq '1') { throw 'OFFLINEDATA_TEST_SFTP_HOST is not set; CI needs the SFTP server of .ci/sftp.sh.' }
    else { 'No SFTP server: source .ci/sftp.sh and run start_test_sftp (OFFLINEDATA_TEST_SFTP_HOST is not set).' }
    if ($sftpHost) {
        $uploadRoot = Join-Path $env:OFFLINEDATA_TEST_SFTP_ROOT $env:OFFLINEDATA_TEST_SFTP_DIR.TrimStart('/')
        # What a Windows task keeps with Export-Clixml (DPAPI there; on Linux the file is only as safe as its mode).
        $credentialFile = Join-Path $TestDrive 'login.clixml'
        [pscredential]::new($env:OFFLINEDATA_TEST_SFTP_USER, (ConvertTo-SecureString $env:OFFLINEDATA_TEST_SFTP_PASSWORD -AsPlainText -Force)) |
            Export-Clixml -LiteralPath $credentialFile
    }

    # The child runs the same PowerShell as this one (dotnet pwsh runs pwsh.dll through dotnet).
    $exe = (Get-Process -Id $PID).Path
    $childPrefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })

    # A fresh folder in the server's upload folder: its URI and where it is on the local disk.
    function New-RemoteFolder {
        $name = 'n' + [guid]::NewGuid().ToString('N')
        $local = Join-Path $uploadRoot $name
        $null = New-Item -ItemType Directory -Path $local
        & chmod 777 $local   # the tests run as root; the SFTP user writes here
        [pscustomobject]@{ Uri = "sftp://$($sftpHost):$($env:OFFLINEDATA_TEST_SFTP_PORT)$($env:OFFLINEDATA_TEST_SFTP_DIR.TrimEnd('/'))/$name"; Local = $local }
    }

    # Writes $Value as PowerShell data (what Import-PowerShellDataFile reads).
    function ConvertTo-Psd1($Value) {
        if ($Value -is [hashtable]) { return '@{ ' + (($Value.Keys | ForEach-Object { "$_ = $(ConvertTo-Psd1 $Value[$_])" }) -join '; ') + ' }' }
        if ($Value -is [array]) { return '@(' + (($Value | ForEach-Object { ConvertTo-Psd1 $_ }) -join ', ') + ')' }
        if ($Value -is [bool]) { return $(if ($Value) { '$true' } else { '$false' }) }
        if ($Value -is [int]) { return "$Value" }
        "'" + ([string]$Value).Replace("'", "''") + "'"
    }

    # The shipped settings file with the test server's destinations, fingerprint and credential file.
    function New-Settings([scriptblock] $Change) {
        $settings = Import-PowerShellDataFile -LiteralPath (Join-Path $examples 'nightly-delivery.psd1')
        $settings.WorkFolder = Join-Path $TestDrive ('work-' + [guid]::NewGuid().ToString('N'))
        $settings.RelatedDigital.Destination = $rd.Uri
        $settings.RelatedDigital.HostKeyFingerprint = @($env:OFFLINEDATA_TEST_SFTP_FINGERPRINT)
        $settings.RelatedDigital.CredentialPath = $credentialFile
        # The Adobe leg logs in as Linux jobs do: a key file, the user in the URI, the host in a known_hosts file.
        $settings.Adobe.Send = @{
            Destination    = $adobe.Uri -replace '^sftp://', "sftp://$($env:OFFLINEDATA_TEST_SFTP_USER)@"
            KeyFilePath    = $env:OFFLINEDATA_TEST_SFTP_KEY
            KnownHostsPath = $env:OFFLINEDATA_TEST_SFTP_KNOWN_HOSTS
        }
        if ($Change) { & $Change $settings }
        $path = Join-Path $TestDrive ('settings-{0}.psd1' -f [guid]::NewGuid().ToString('N'))
        Set-Content -LiteralPath $path -Value (ConvertTo-Psd1 $settings) -Encoding utf8
        [pscustomobject]@{ Path = $path; WorkFolder = $settings.WorkFolder }
    }

    # The bundled till export without its three rows that cannot be converted (lines 7, 9 and 12): a good night.
    function New-CleanTillExport([string] $Name, [int[]] $DropLines = @(7, 9, 12)) {
        $latin1 = [Text.Encoding]::GetEncoding(28591)   # ISO-8859-1: byte for byte, so the Windows-1252 text stays as it was
        $lines = [IO.File]::ReadAllLines((Join-Path $examples 'till-export-sv.csv'), $latin1)
        $kept = for ($i = 0; $i -lt $lines.Count; $i++) { if ($DropLines -notcontains ($i + 1)) { $lines[$i] } }
        $path = Join-Path $TestDrive $Name
        [IO.File]::WriteAllText($path, (($kept -join "`r`n") + "`r`n"), $latin1)
        $path
    }

    # Runs the script with -File and the arguments exactly as a task's command line gives them.
    function Invoke-NightlyDelivery([string[]] $Arguments) {
        $savedModulePath = $env:PSModulePath
        $env:PSModulePath = (Split-Path -Path $OfflineDataModuleDirectory -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath
        try {
            $output = & $exe @childPrefix -NoProfile -NonInteractive -File "$deliveryScript" @Arguments 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
        }
        finally {
            $env:PSModulePath = $savedModulePath
        }
    }

    function Get-RemoteNames($Folder) { @(Get-ChildItem -LiteralPath $Folder.Local -Force | Sort-Object Name | ForEach-Object Name) }
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'examples/Invoke-NightlyDelivery.ps1 against the test SFTP server' {
    BeforeEach {
        if ($skipReason) { return }
        $rd = New-RemoteFolder
        $adobe = New-RemoteFolder
        $store = Join-Path $TestDrive ('store-{0}.db' -f [guid]::NewGuid().ToString('N'))
    }

    It 'leaves an opted-out customer out of both drops, logs the suppressed rows and exits 0 (issue 12)' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $stores = New-CleanTillExport 'consent-stores.csv'
        $optOuts = Join-Path $TestDrive 'optouts.txt'
        Set-Content -LiteralPath $optOuts -Value '204512'   # two rows of the export: receipts K07-004410 and K07-004411
        $null = Import-OfflineDataConsent -Path $optOuts -Store $store
        $settings = New-Settings

        $run = Invoke-NightlyDelivery '-Path', $stores, '-SettingsPath', $settings.Path, '-Store', $store

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'RelatedDigital sent: .* 2 row\(s\) of opted-out customers left out'
        $run.Output | Should -Match 'Adobe exported .* 2 row\(s\) of opted-out customers left out'
        $run.Output | Should -Match 'consent: 2 row\(s\) of opted-out customers were left out of the files sent in this run'
        $rdName = @(Get-RemoteNames $rd)[0]
        (Get-Content -LiteralPath (Join-Path $rd.Local $rdName) -Raw) | Should -Not -Match ';204512;'
        $adobeText = Get-Content -LiteralPath (Join-Path $adobe.Local (@(Get-RemoteNames $adobe) -like '*.txt')[0]) -Raw
        $adobeText | Should -Not -Match 'K07-00441[01]'
        $adobeText | Should -Match 'K12-000981'
        (Get-OfflineDataDelivery -Store $store | Where-Object RemoteName -EQ $rdName).SuppressedRows | Should -Be 2
    }

    It 'sends a good night to both drops and exits 0; the .fin follows its .txt; a re-run sends nothing again and exits 0' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $stores = New-CleanTillExport 'stores.csv'
        $kiosk = New-CleanTillExport 'kiosk.csv' -DropLines @(3, 4, 5, 6, 7, 9, 12)
        $settings = New-Settings

        # -Path a,b as one argument, as a task's command line gives it.
        $first = Invoke-NightlyDelivery '-Path', "$stores,$kiosk", '-SettingsPath', $settings.Path, '-Store', $store

        $first.ExitCode | Should -Be 0 -Because $first.Output
        $first.Output | Should -Not -Match ([regex]::Escape([string][char]27)) -Because 'a redirected log gets no colour codes'
        $rdNames = @(Get-RemoteNames $rd)
        $rdNames | Should -HaveCount 2
        $rdNames | Should -Match '^(kiosk|stores)_\d{14}\.csv$' -Because 'each run gives its files unique names'
        foreach ($name in $rdNames) {
            $first.Output | Should -Match "RelatedDigital sent: \S+ as $([regex]::Escape($name)) to sftp://"
            $converted = Get-ChildItem -LiteralPath $settings.WorkFolder -Recurse -Filter ($name -replace '_\d{14}', '') | Select-Object -First 1
            (Get-FileHash -LiteralPath (Join-Path $rd.Local $name)).Hash | Should -Be (Get-FileHash -LiteralPath $converted.FullName).Hash
            Test-OfflineDataFile -LiteralPath (Join-Path $rd.Local $name) -Quiet | Should -BeTrue
        }
        $adobeNames = @(Get-RemoteNames $adobe)
        $adobeNames | Should -HaveCount 2
        $adobeNames[0] | Should -MatchExactly '^adobe_\d{8}_\d{6}_0001\.fin$' -Because 'lowercase extensions'
        $adobeNames[1] | Should -BeExactly ($adobeNames[0] -replace '\.fin$', '.txt')
        (Get-Item -LiteralPath (Join-Path $adobe.Local $adobeNames[0])).Length | Should -Be 0
        (Get-Item -LiteralPath (Join-Path $adobe.Local $adobeNames[0])).LastWriteTimeUtc |
            Should -BeGreaterOrEqual (Get-Item -LiteralPath (Join-Path $adobe.Local $adobeNames[1])).LastWriteTimeUtc -Because 'the .fin is written after its .txt is complete'
        Get-Content -LiteralPath (Join-Path $adobe.Local $adobeNames[1]) -TotalCount 1 | Should -BeLike "Date`ttransactionID`tProduct*"
        $first.Output | Should -Match "Adobe sent: \S+ as $([regex]::Escape($adobeNames[1])) \+ $([regex]::Escape($adobeNames[0])) to sftp://"
        @(Get-OfflineDataDelivery -Store $store) | Should -HaveCount 3

        $again = Invoke-NightlyDelivery '-Path', "$stores,$kiosk", '-SettingsPath', $settings.Path, '-Store', $store

        $again.ExitCode | Should -Be 0 -Because $again.Output
        ([regex]::Matches($again.Output, '(?m)^(RelatedDigital|Adobe) skipped: .* was already sent as ')).Count | Should -Be 3 -Because $again.Output
        $again.Output | Should -Not -Match '(?m)^\w+ sent: '
        Get-RemoteNames $rd | Should -Be $rdNames
        Get-RemoteNames $adobe | Should -Be $adobeNames
        @(Get-OfflineDataDelivery -Store $store) | Should -HaveCount 3
    }

    It 'exits 1 when the conversion rejected rows, still sending the rows that converted, and names the reject file' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $settings = New-Settings

        $result = Invoke-NightlyDelivery '-Path', (Join-Path $examples 'till-export-sv.csv'), '-SettingsPath', $settings.Path, '-Store', $store

        $result.ExitCode | Should -Be 1 -Because $result.Output
        $result.Output | Should -Match 'converted \S+till-export-sv\.csv: 12 rows read, 9 written, 3 rejected'
        $rejects = [regex]::Match($result.Output, 'rejected rows \(EmptyMandatoryValue=1, InvalidNumber=1, NonexistentLocalTime=1\) are in (\S+till-export-sv\.rejects\.csv)')
        $rejects.Success | Should -BeTrue -Because $result.Output
        $rejects.Groups[1].Value | Should -Exist
        $sent = @(Get-RemoteNames $rd)
        $sent | Should -HaveCount 1
        @(Read-OfflineDataFile -LiteralPath (Join-Path $rd.Local $sent[0])) | Should -HaveCount 9
        Get-RemoteNames $adobe | Should -HaveCount 2

        # The same night again: nothing goes out, so nothing new was rejected; the first run reported the three rows.
        $again = Invoke-NightlyDelivery '-Path', (Join-Path $examples 'till-export-sv.csv'), '-SettingsPath', $settings.Path, '-Store', $store

        $again.ExitCode | Should -Be 0 -Because $again.Output
        $again.Output | Should -Match 'exit 0: every file was sent \(or had been already\); the 3 rejected row\(s\) of files an earlier run sent were reported by that run'
        @(Get-RemoteNames $rd) | Should -Be $sent
        Get-RemoteNames $adobe | Should -HaveCount 2
    }

    It 'exits 1 when Adobe''s pre-flight rejects rows' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        # A dimension holding ';' is a row Adobe would skip silently: the pre-flight rejects it (AdobeSemicolonInDimension).
        $settings = New-Settings { param($s) $s.Adobe.Export.Map = @{ eVar1 = 'Var2' } }
        $till = New-CleanTillExport 'semicolon.csv'
        $text = [IO.File]::ReadAllText($till, [Text.Encoding]::GetEncoding(28591)).Replace('Butik 7,', '"Butik;7",')
        [IO.File]::WriteAllText($till, $text, [Text.Encoding]::GetEncoding(28591))

        $result = Invoke-NightlyDelivery '-Path', $till, '-SettingsPath', $settings.Path, '-Store', $store

        $result.ExitCode | Should -Be 1 -Because $result.Output
        $result.Output | Should -Match 'Adobe pre-flight: .*AdobeSemicolonInDimension'
        Get-RemoteNames $rd | Should -HaveCount 1
        Get-RemoteNames $adobe | Should -HaveCount 2
    }

    It 'exits 2 when <Case>, and still sends to Adobe' -ForEach @(
        @{ Case = 'Related Digital''s server presents another host key'; Expected = 'HostKeyMismatch' }
        @{ Case = 'Related Digital''s server cannot be reached'; Expected = 'DeliveryUnavailable' }
    ) {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $case = $Case
        $settings = New-Settings {
            param($s)
            if ($case -like '*host key*') { $s.RelatedDigital.HostKeyFingerprint = @('SHA256:' + [Convert]::ToBase64String([byte[]]::new(32)).TrimEnd('=')) }
            else {
                # A port nobody listens on: refused at once; one retry keeps the test short.
                $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
                $s.RelatedDigital.Destination = $rd.Uri -replace ':\d+/', ":$port/"
                $s.RelatedDigital.RetryCount = 1
            }
        }
        $till = New-CleanTillExport 'night.csv'

        $result = Invoke-NightlyDelivery '-Path', $till, '-SettingsPath', $settings.Path, '-Store', $store

        $result.ExitCode | Should -Be 2 -Because $result.Output
        $result.Output | Should -Match "RelatedDigital FAILED: '\S+night\.csv' was not sent: sftp://"
        $result.Output | Should -Match $Expected
        $result.Output | Should -Match 'exit 2: 1 file\(s\) not sent'
        Get-RemoteNames $rd | Should -HaveCount 0
        Get-RemoteNames $adobe | Should -HaveCount 2 -Because 'the other destination is still sent to'
    }

    It 'exits 3 when the store cannot be opened (a folder where the store file should be), sending nothing' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $folder = Join-Path $TestDrive ('folder-{0}.db' -f [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        $settings = New-Settings

        $result = Invoke-NightlyDelivery '-Path', (New-CleanTillExport 'night.csv'), '-SettingsPath', $settings.Path, '-Store', $folder

        $result.ExitCode | Should -Be 3 -Because $result.Output
        $result.Output | Should -Match 'store error'
        Get-RemoteNames $rd | Should -HaveCount 0
        Get-RemoteNames $adobe | Should -HaveCount 0
    }

    It 'exits 4 and does nothing when <Case>' -ForEach @(
        @{ Case = 'the settings file does not exist'; Expected = 'does not exist' }
        @{ Case = 'a key is misspelt'; Expected = "unknown key 'Destinaton'" }
        @{ Case = 'a key is one the script sets itself'; Expected = "unknown key 'Force'" }
        @{ Case = 'an SFTP destination has no pinned host key'; Expected = 'without HostKeyFingerprint or KnownHostsPath' }
        @{ Case = 'the credential file is missing'; Expected = 'cannot be read' }
        @{ Case = 'the settings name no destination'; Expected = 'name no destination' }
        @{ Case = 'a destination accepts any host key'; Expected = 'has AcceptAnyHostKey' }
    ) {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $case = $Case
        $settings = New-Settings {
            param($s)
            switch -Wildcard ($case) {
                '*misspelt*' { $s.Adobe.Send.Destinaton = $s.Adobe.Send.Destination }
                '*sets itself*' { $s.RelatedDigital.Force = $true }
                '*host key*' { $s.RelatedDigital.Remove('HostKeyFingerprint') }
                '*credential*' { $s.RelatedDigital.CredentialPath = 'no-such-login.clixml' }
                '*no destination*' { $s.Remove('RelatedDigital'); $s.Remove('Adobe') }
                '*any host key*' { $s.RelatedDigital.Remove('HostKeyFingerprint'); $s.RelatedDigital.AcceptAnyHostKey = $true }
            }
        }
        $settingsPath = if ($case -like '*does not exist*') { Join-Path $TestDrive 'no-such-settings.psd1' } else { $settings.Path }

        $result = Invoke-NightlyDelivery '-Path', (New-CleanTillExport 'night.csv'), '-SettingsPath', $settingsPath, '-Store', $store

        $result.ExitCode | Should -Be 4 -Because $result.Output
        $result.Output | Should -BeLike "*invalid arguments:*$Expected*Nothing was done.*"
        $settings.WorkFolder | Should -Not -Exist
        $store | Should -Not -Exist
        Get-RemoteNames $rd | Should -HaveCount 0
        Get-RemoteNames $adobe | Should -HaveCount 0
    }

    It 'exits 4 when a setting''s value is refused by its cmdlet (an unknown Culture), sending nothing' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $settings = New-Settings { param($s) $s.Convert.Culture = 'xx-NOPE-1' }

        $result = Invoke-NightlyDelivery '-Path', (New-CleanTillExport 'night.csv'), '-SettingsPath', $settings.Path, '-Store', $store

        $result.ExitCode | Should -Be 4 -Because $result.Output
        $result.Output | Should -Match 'invalid settings: .*xx-Nope-1'
        $store | Should -Not -Exist
        Get-RemoteNames $rd | Should -HaveCount 0
        Get-RemoteNames $adobe | Should -HaveCount 0
    }

    It 'exits 2 when a named file is missing, still sending the others' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $settings = New-Settings
        $missing = Join-Path $TestDrive 'missing.csv'

        $result = Invoke-NightlyDelivery '-Path', "$(New-CleanTillExport 'night.csv'),$missing", '-SettingsPath', $settings.Path, '-Store', $store

        $result.ExitCode | Should -Be 2 -Because $result.Output
        $result.Output | Should -Match "cannot read: .*missing\.csv"
        Get-RemoteNames $rd | Should -HaveCount 1
        Get-RemoteNames $adobe | Should -HaveCount 2
    }

    It 'exits 2 when no file matched' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $settings = New-Settings

        $result = Invoke-NightlyDelivery '-Path', (Join-Path $TestDrive 'nothing-*.csv'), '-SettingsPath', $settings.Path, '-Store', $store

        $result.ExitCode | Should -Be 2 -Because $result.Output
        $result.Output | Should -Match 'No file matched'
    }
}
