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
