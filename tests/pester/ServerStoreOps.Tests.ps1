#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Issue 9, as an operator meets a PostgreSQL store that is not there as expected. These need no PostgreSQL server: a
# loopback listener that accepts connections and never answers stands for a stuck server or a firewall that swallows
# packets.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'A server that never answers' {
    BeforeAll {
        # The kernel completes the TCP handshake for the listen backlog: the client connects and then hears nothing.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
    }

    AfterAll {
        $listener.Stop()
    }

    It 'is StoreUnavailable, ResourceUnavailable (not ResourceBusy), after the connect timeout, saying how to wait longer' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $failure = $null
        try { $null = Get-OfflineDataImport -Store "postgresql://od@127.0.0.1:$port/offline?connect_timeout=2" } catch { $failure = $_ }
        $watch.Stop()

        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'StoreUnavailable,*'
        # ResourceBusy is what another import's lock gives: it would send the operator looking for a stuck import.
        $failure.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ResourceUnavailable)
        $failure.TargetObject | Should -Be "postgresql://od@127.0.0.1:$port/offline"
        $failure.Exception.Message | Should -Match "did not answer within 2 s"
        $failure.Exception.Message | Should -Match 'connect_timeout='
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
    }
}

Describe 'A location in libpq''s keyword form (host=… dbname=…), as psql takes it' {
    It 'refuses a password in it without echoing it in the error, its target or -WhatIf: <Command>' -ForEach @(
        @{ Command = { Get-OfflineDataImport -Store 'host=db.invalid port=5432 dbname=offline user=od password=Pa55-libpq' -Verbose } }
        @{ Command = { Import-OfflineData -Path (Join-Path $PSScriptRoot '../../examples/valid-sample.csv') -ReportSuite acme.prod -Store 'host=127.0.0.1 password=Pa55-libpq' -WhatIf } }
    ) {
        $failure = $null
        $output = try { & $Command 2>&1 4>&1 6>&1 | Out-String } catch { $failure = $_; '' }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'UnsupportedStore,*'
        $failure.Exception.Message | Should -Not -Match 'Pa55-libpq'
        "$($failure.TargetObject)" | Should -Not -Match 'Pa55-libpq'
        $output | Should -Not -Match 'Pa55-libpq'
    }

    It 'names the store by host, port, database and user' {
        $failure = $null
        try { $null = Get-OfflineDataImport -Store 'host=db.invalid port=6543 dbname=offline user=od connect_timeout=2' } catch { $failure = $_ }
        $failure.TargetObject | Should -Be 'postgresql://od@db.invalid:6543/offline'
    }
}

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -SkipImport
}

Describe 'A PostgreSQL connection lost between the files of one Import-OfflineData call' {
    BeforeAll {
        $skipReason = Get-TestStoreSkipReason 'PostgreSQL'
        if (-not $skipReason) {
            $store = New-TestStore 'PostgreSQL'
            $database = if ($store -match '^postgres') { ([Uri]$store).AbsolutePath.TrimStart('/') } else { ($store -split ';' | Where-Object { $_ -match '^\s*Database\s*=' }) -replace '^\s*Database\s*=\s*', '' }
            $files = foreach ($name in 'a', 'b', 'c') {
                # Three different contents, so that none is skipped as already imported.
                $path = Join-Path $TestDrive "$name.csv"
                $lines = Get-Content -LiteralPath (Join-Path $PSScriptRoot '../../examples/valid-sample.csv')
                Set-Content -LiteralPath $path -Value ($lines[0..1] + ($lines[2] -replace 'CUST-10002', "CUST-$name")) -Encoding utf8NoBOM
                $path
            }
        }
    }

    AfterAll {
        if (-not $skipReason) { Remove-TestStores }
    }

    It 'fails the file that meets the dead connection (non-terminating, per file) and connects again for the next one' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $null = Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
        $failures = @()
        $results = & {
            $files[0]
            # The server ends the store's session between two files, as a restart or a failover does.
            $null = Invoke-TestPsql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$database' AND pid <> pg_backend_pid()"
            $files[1]
            $files[2]
        } | Import-OfflineData -ReportSuite acme.prod -Store $store -ErrorVariable +failures -ErrorAction SilentlyContinue

        $results | Should -HaveCount 3
        $results[0].Status | Should -Be 'Imported'
        $results[1].Status | Should -Be 'Failed'
        $results[1].FailureCause | Should -Be 'StoreFailed'
        $results[2].Status | Should -Be 'Imported'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ImportFailed,*'
        $failures[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ResourceUnavailable)
        $failures[0].TargetObject | Should -Be $files[1]
        @(Get-OfflineDataImport -Store $store | Where-Object Status -eq 'Completed').Count | Should -Be 2
    }
}

Describe 'A PostgreSQL connection lost between the files of one Import-OnlineData call' {
    BeforeAll {
        $skipReason = Get-TestStoreSkipReason 'PostgreSQL'
        if (-not $skipReason) {
            $store = New-TestStore 'PostgreSQL'
            $database = if ($store -match '^postgres') { ([Uri]$store).AbsolutePath.TrimStart('/') } else { ($store -split ';' | Where-Object { $_ -match '^\s*Database\s*=' }) -replace '^\s*Database\s*=\s*', '' }
            $files = foreach ($name in 'a', 'b', 'c') {
                $path = Join-Path $TestDrive "online-$name.csv"
                Set-Content -LiteralPath $path -Value @('Timestamp,VisitorId,TransactionId,Campaign', "2025-02-20 08:00:00,V-$name,ORD-$name,spring") -Encoding utf8NoBOM
                $path
            }
        }
    }

    AfterAll {
        if (-not $skipReason) { Remove-TestStores }
    }

    It 'fails the file that meets the dead connection (non-terminating) and connects again for the next one' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $null = Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
        $failures = @()
        $results = & {
            $files[0]
            $null = Invoke-TestPsql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$database' AND pid <> pg_backend_pid()"
            $files[1]
            $files[2]
        } | Import-OnlineData -ReportSuite acme.prod -Store $store -ErrorVariable +failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'StoreUnavailable,*'
        $failures[0].Exception.Message | Should -Match ([regex]::Escape("Nothing of '$($files[1])' was recorded."))
        @($results).Source | Should -Be @($files[0], $files[2])
        (Get-TransactionIdRecording -ReportSuite acme.prod -Store $store).RecordedTransactions | Should -Be 2
    }
}

Describe 'Copy-OfflineDataStore and a PostgreSQL login that needs a password' {
    BeforeAll {
        # The server that asks for a password (CI's cluster serves one): its keyword string without the password.
        $scram = $env:OFFLINEDATA_TEST_POSTGRES_SCRAM
        $skipReason = if ($scram) { $null } elseif ($env:CI -eq 'true' -or $env:CI -eq '1') { throw 'OFFLINEDATA_TEST_POSTGRES_SCRAM is not set; CI needs it.' } else { 'No PostgreSQL server asking for a password: OFFLINEDATA_TEST_POSTGRES_SCRAM is not set.' }
        $source = Join-Path $TestDrive 'source.db'
        $null = Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $source
        $savedPassword = $env:PGPASSWORD
        $savedPassFile = $env:PGPASSFILE
        # No password from the environment or the user's own pgpass file.
        Remove-Item Env:PGPASSWORD -ErrorAction SilentlyContinue
        $env:PGPASSFILE = Join-Path $TestDrive 'empty.pgpass'
        Set-Content -LiteralPath $env:PGPASSFILE -Value ''
    }

    AfterAll {
        if ($null -eq $savedPassword) { Remove-Item Env:PGPASSWORD -ErrorAction SilentlyContinue } else { $env:PGPASSWORD = $savedPassword }
        if ($null -eq $savedPassFile) { Remove-Item Env:PGPASSFILE -ErrorAction SilentlyContinue } else { $env:PGPASSFILE = $savedPassFile }
    }

    It 'names its own parameter, -DestinationCredential, where the message says where the password goes (<Case>)' -ForEach @(
        @{ Case = 'none given'; Password = $null }
        @{ Case = 'wrong'; Password = 'Wrong-Pa55-copy' }
    ) {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $arguments = @{ Source = $source; Destination = $scram; ErrorVariable = 'failures'; ErrorAction = 'SilentlyContinue' }
        if ($Password) { $arguments.DestinationCredential = [pscredential]::new('odtest', (ConvertTo-SecureString -String $Password -AsPlainText -Force)) }
        $null = Copy-OfflineDataStore @arguments

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'StoreUnavailable,*'
        # Copy-OfflineDataStore has no -Credential: the user would look for a parameter that does not exist.
        $failures[0].Exception.Message | Should -Match '-DestinationCredential'
        $failures[0].Exception.Message | Should -Not -Match '-Credential\b'
        if ($Password) { ($failures[0] | Format-List * -Force | Out-String) | Should -Not -Match $Password }
    }
}

Describe 'Tab completion of -ReportSuite against a server that never answers' {
    BeforeAll {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
    }

    AfterAll {
        $listener.Stop()
    }

    It 'completes to nothing within a few seconds instead of holding Tab for the connect timeout (15 s)' {
        $line = "Get-OfflineData -Store 'postgresql://od@127.0.0.1:$port/offline' -ReportSuite "
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $watch.Stop()

        $completion.CompletionMatches | Should -HaveCount 0
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 8
    }
}
