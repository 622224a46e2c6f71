#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Issue 10: Get-OfflineDataHostKey reads an SFTP server's host key without logging in. The server tests run against the
# OpenSSH server of .ci/sftp.sh (OFFLINEDATA_TEST_SFTP_*): skipped without it, failing in CI.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $sftpHost = $env:OFFLINEDATA_TEST_SFTP_HOST
    $skipReason = if ($sftpHost) { $null }
    elseif ($env:CI -eq 'true' -or $env:CI -eq '1') { throw 'OFFLINEDATA_TEST_SFTP_HOST is not set; CI needs the SFTP server of .ci/sftp.sh.' }
    else { 'No SFTP server: source .ci/sftp.sh and run start_test_sftp (OFFLINEDATA_TEST_SFTP_HOST is not set).' }
    $uri = "sftp://$($sftpHost):$($env:OFFLINEDATA_TEST_SFTP_PORT)"
    # The FTPS side runs against the vsftpd servers of .ci/ftp.sh (OFFLINEDATA_TEST_FTP_*), with the same rules.
    $ftpHost = $env:OFFLINEDATA_TEST_FTP_HOST
    $ftpSkipReason = if ($ftpHost) { $null }
    elseif ($env:CI -eq 'true' -or $env:CI -eq '1') { throw 'OFFLINEDATA_TEST_FTP_HOST is not set; CI needs the FTP servers of .ci/ftp.sh.' }
    else { 'No FTP server: source .ci/ftp.sh and run start_test_ftp (OFFLINEDATA_TEST_FTP_HOST is not set).' }
    $ftpsUri = "ftps://$($ftpHost):$($env:OFFLINEDATA_TEST_FTP_TLS_PORT)"
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Get-OfflineDataHostKey against the test server' {
    It 'returns the fingerprint ssh-keygen -lf prints and a known_hosts line ssh-keygen finds' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $key = Get-OfflineDataHostKey -Uri "$uri/upload"

        $key | Should -HaveCount 1
        $key.Fingerprint | Should -BeExactly $env:OFFLINEDATA_TEST_SFTP_FINGERPRINT
        $key.KeyType | Should -BeExactly 'ssh-ed25519'
        $key.Port | Should -Be ([int]$env:OFFLINEDATA_TEST_SFTP_PORT)
        $knownHosts = Join-Path $TestDrive 'known_hosts'
        Set-Content -LiteralPath $knownHosts -Value $key.KnownHostsLine
        # OpenSSH itself reads the line back and prints the same fingerprint
        $found = & ssh-keygen -l -F "[$sftpHost]:$($env:OFFLINEDATA_TEST_SFTP_PORT)" -f $knownHosts
        ($found -join "`n") | Should -Match ([regex]::Escape($env:OFFLINEDATA_TEST_SFTP_FINGERPRINT))
    }

    It 'logs no one in' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $logins = { @(Get-Content -LiteralPath $env:OFFLINEDATA_TEST_SFTP_LOG | Where-Object { $_ -match 'Accepted |Failed |Invalid user' }).Count }
        $before = & $logins

        $null = Get-OfflineDataHostKey -Uri $uri

        & $logins | Should -Be $before
    }

    It 'takes URIs from the pipeline, by value and by property name, and formats as a table' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $keys = @($uri, [pscustomobject]@{ Destination = "$uri/upload" }) | Get-OfflineDataHostKey

        $keys | Should -HaveCount 2
        ($keys.Fingerprint | Select-Object -Unique) | Should -BeExactly $env:OFFLINEDATA_TEST_SFTP_FINGERPRINT
        ($keys | Format-Table | Out-String -Width 200) | Should -Match ([regex]::Escape($env:OFFLINEDATA_TEST_SFTP_FINGERPRINT))
        ($keys[0] | ConvertTo-Json | ConvertFrom-Json).KnownHostsName | Should -BeExactly "[$sftpHost]:$($env:OFFLINEDATA_TEST_SFTP_PORT)"
    }
}

Describe 'Get-OfflineDataHostKey table view' {
    It 'fits an 80-column console: one line per key, with the whole fingerprint and the key type' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $lines = @(Get-OfflineDataHostKey -Uri $uri | Format-Table | Out-String -Width 80 -Stream | Where-Object { $_.Trim() })

        $lines | Should -HaveCount 3   # header, dashes, the key (no header wrapped letter by letter)
        $lines[2] | Should -Match ([regex]::Escape($env:OFFLINEDATA_TEST_SFTP_FINGERPRINT))
        $lines[2] | Should -Match 'ssh-ed25519'
        $lines[2] | Should -Match ([regex]::Escape($sftpHost))
    }
}

Describe 'Get-OfflineDataHostKey against the test FTPS server' {
    It 'returns the certificate''s SHA-256 fingerprint as openssl prints it, which Send-OfflineDataFile -CertificateFingerprint takes, without logging in' {
        if ($ftpSkipReason) { Set-ItResult -Skipped -Because $ftpSkipReason; return }
        $users = { @(Get-Content -LiteralPath $env:OFFLINEDATA_TEST_FTP_LOG | Where-Object { $_ -match '"USER ' }).Count }
        $before = & $users

        $certificate = Get-OfflineDataHostKey -Uri "$ftpsUri/upload"

        $certificate | Should -HaveCount 1
        $certificate.PSObject.TypeNames[0] | Should -Be 'OfflineData.Core.Delivery.FtpsCertificate'
        $certificate.Fingerprint | Should -BeExactly $env:OFFLINEDATA_TEST_FTP_CERT_FINGERPRINT
        $certificate.Subject | Should -BeExactly 'CN=127.0.0.1'
        $certificate.Issuer | Should -BeExactly 'CN=127.0.0.1'
        $certificate.NotAfter | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        $certificate.TrustedBySystem | Should -BeFalse
        $certificate.SystemTrustProblem | Should -Match 'self-signed'
        Start-Sleep -Milliseconds 300
        & $users | Should -Be $before

        # The fingerprint read is the pin a send takes as it is.
        $store = Join-Path $TestDrive 'hostkey-ftps.db'
        $local = Join-Path $env:OFFLINEDATA_TEST_FTP_ROOT ($env:OFFLINEDATA_TEST_FTP_DIR.TrimStart('/') + '/hk' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $local
        & chmod 777 $local
        $cred = [pscredential]::new($env:OFFLINEDATA_TEST_FTP_USER, (ConvertTo-SecureString $env:OFFLINEDATA_TEST_FTP_PASSWORD -AsPlainText -Force))
        $sent = Send-OfflineDataFile -LiteralPath (New-TestFile 'pinned.csv' 'x') -Destination "$ftpsUri$($env:OFFLINEDATA_TEST_FTP_DIR)/$(Split-Path -Leaf $local)" -Credential $cred -CertificateFingerprint $certificate.Fingerprint -Store $store
        $sent.Status | Should -Be 'Sent'
    }

    It 'mixes SFTP and FTPS servers in one pipeline; the certificate goes to a table, JSON and CSV' {
        if ($ftpSkipReason) { Set-ItResult -Skipped -Because $ftpSkipReason; return }
        $found = @($ftpsUri) + @(if (-not $skipReason) { $uri }) | Get-OfflineDataHostKey

        $found[0].Fingerprint | Should -BeExactly $env:OFFLINEDATA_TEST_FTP_CERT_FINGERPRINT
        if (-not $skipReason) { $found[1].Fingerprint | Should -BeExactly $env:OFFLINEDATA_TEST_SFTP_FINGERPRINT }
        ($found[0] | Format-Table | Out-String -Width 200) | Should -Match ([regex]::Escape($env:OFFLINEDATA_TEST_FTP_CERT_FINGERPRINT))
        $json = $found[0] | ConvertTo-Json | ConvertFrom-Json
        $json.Fingerprint | Should -BeExactly $env:OFFLINEDATA_TEST_FTP_CERT_FINGERPRINT
        $json.TrustedBySystem | Should -BeFalse
        $csv = Join-Path $TestDrive 'certificate.csv'
        $found[0] | Export-Csv -LiteralPath $csv -NoTypeInformation
        (Import-Csv -LiteralPath $csv).Subject | Should -BeExactly 'CN=127.0.0.1'
    }

    It 'reports a server without AUTH TLS (plain FTP on an ftps:// URI) as TlsNegotiationFailed naming host and port' {
        if ($ftpSkipReason) { Set-ItResult -Skipped -Because $ftpSkipReason; return }
        Get-OfflineDataHostKey -Uri "ftps://$($ftpHost):$($env:OFFLINEDATA_TEST_FTP_PORT)" -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'TlsNegotiationFailed,OfflineData.Commands.GetOfflineDataHostKeyCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ProtocolError'
        $failures[0].Exception.Message | Should -Match 'does not offer explicit TLS \(AUTH TLS\)'
        $failures[0].Exception.Message | Should -Match "host $ftpHost, port $($env:OFFLINEDATA_TEST_FTP_PORT)"
    }
}

Describe 'Get-OfflineDataHostKey errors' {
    It 'reports a server sharing no MAC as SshNegotiationFailed with both sides'' algorithms' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        Get-OfflineDataHostKey -Uri "sftp://$($sftpHost):$($env:OFFLINEDATA_TEST_SFTP_UMAC_PORT)" -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SshNegotiationFailed,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ProtocolError'
        $failures[0].Exception.Message | Should -Match 'server offers umac-128-etm@openssh\.com'
        $failures[0].Exception.Message | Should -Match 'This client offers MACs hmac-sha2-256'
    }

    It 'refuses a URI that is neither sftp:// nor ftps:// as InvalidDestination, and goes on with the next' {
        $result = 'ftp://example.com/in', 'not a uri', '/mnt/drop' | Get-OfflineDataHostKey -ErrorVariable failures -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failures | Should -HaveCount 3
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidDestination,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].TargetObject | Should -BeExactly 'ftp://example.com/in'
        $failures[0].Exception.Message | Should -Match 'only sftp://host\[:port\] \(an SSH host key\) and ftps://host\[:port\] \(a TLS certificate\)'
        $failures[0].Exception.Message | Should -Match 'Plain FTP has no certificate'
        $failures[1].TargetObject | Should -BeExactly 'not a uri'
        $failures[2].FullyQualifiedErrorId | Should -BeLike 'InvalidDestination,*'
        $failures[2].TargetObject | Should -BeExactly '/mnt/drop'
        $failures[2].Exception.Message | Should -Match 'A folder has no server to trust'
    }

    It 'refuses a password in the URI without repeating it, not even in the target' {
        Get-OfflineDataHostKey -Uri 'sftp://od:Pa55-s3cret@example.com' -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidDestination,*'
        $failures[0].TargetObject | Should -BeExactly 'sftp://od:***@example.com'
        # (the record's InvocationInfo holds the command line as typed, which is the user's own text)
        $failures[0].Exception.ToString() | Should -Not -Match 'Pa55-s3cret'
        "$($failures[0].ErrorDetails)$($failures[0].CategoryInfo)" | Should -Not -Match 'Pa55-s3cret'
    }

    It 'reports a port without a server as DeliveryUnavailable naming host and port, within the timeout' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $watch = [System.Diagnostics.Stopwatch]::StartNew()

        Get-OfflineDataHostKey -Uri "sftp://127.0.0.1:$port" -TimeoutSec 5 -ErrorVariable failures -ErrorAction SilentlyContinue

        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'DeliveryUnavailable,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failures[0].TargetObject | Should -BeExactly "sftp://127.0.0.1:$port/"
        $failures[0].Exception.Message | Should -Match "host 127\.0\.0\.1, port $port"
    }
}
