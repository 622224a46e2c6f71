#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Issue 9: every store cmdlet takes a PostgreSQL location in -Store (or OFFLINEDATA_STORE) and -Credential. A server
# location is never resolved as a path, the password appears nowhere (errors, verbose, -WhatIf), and an SQLite store
# still works with -Credential given. These need no server: the locations name hosts that do not exist and carry a
# password, which the store refuses before connecting.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $offline = Join-Path $PSScriptRoot '../../examples/valid-sample.csv'
    $secret = 'Pa55-s3cret'
    $credential = [pscredential]::new('od', (ConvertTo-SecureString -String $secret -AsPlainText -Force))
    $storeCmdlets = 'Get-OfflineData', 'Get-OfflineDataImport', 'Get-TransactionIdRecording', 'Set-TransactionIdRecording', 'Import-OfflineData', 'Import-OnlineData'
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'The -Credential parameter' {
    It '<_> takes -Credential as a PSCredential that prompts for a user name string' -ForEach @(
        'Get-OfflineData', 'Get-OfflineDataImport', 'Get-TransactionIdRecording', 'Set-TransactionIdRecording', 'Import-OfflineData', 'Import-OnlineData') {
        $parameter = (Get-Command -Name $_).Parameters['Credential']
        $parameter | Should -Not -BeNullOrEmpty
        $parameter.ParameterType | Should -Be ([pscredential])
        @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.CredentialAttribute] }).Count | Should -Be 1
        (Get-Help -Name $_ -Parameter Credential).description.Text | Should -Match 'PGPASSWORD'
    }

    It 'is accepted with an SQLite store, which says it does not use it' {
        $store = Join-Path $TestDrive 'sqlite-with-credential.db'
        $settings = Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store -Credential $credential -PassThru -Verbose 4>&1
        ($settings | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "-Credential is not used: the store '$store' is an SQLite file."
        ($settings | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Enabled | Should -BeTrue
    }
}

Describe 'A server location in -Store' {
    BeforeEach {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        Push-Location -LiteralPath $folder
    }

    AfterEach {
        Pop-Location
    }

    It 'is never a path, never echoed, creates nothing: <Command>' -ForEach @(
        @{ Command = { Get-OfflineData -Store "postgresql://od:$secret@db.invalid:5432/offline?sslmode=require" -Credential $credential -Verbose } }
        @{ Command = { Get-OfflineDataImport -Store "Host=db.invalid;Database=offline;Password=$secret" -Verbose } }
        @{ Command = { Import-OfflineData -Path $offline -ReportSuite acme.prod -Store "postgresql://od:$secret@db.invalid/offline" -Credential $credential -WhatIf -Verbose } }
        @{ Command = { Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store "Host=db.invalid;Username=od;Password=$secret;Database=offline" -Credential $credential -Verbose } }
    ) {
        # The store is told before anything else is done, so the error is terminating.
        $failures = @()
        $output = try { & $Command 2>&1 4>&1 6>&1 | Out-String } catch { $failures += $_; '' }
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Match '^(UnsupportedStore|StoreUnavailable),'
        $failures[0].Exception.Message | Should -Not -Match 'Cannot find path'
        $failures[0].Exception.Message | Should -Not -Match ([regex]::Escape($secret))
        "$($failures[0].TargetObject)" | Should -Not -Match ([regex]::Escape($secret))
        ($failures[0] | Out-String) | Should -Not -Match ([regex]::Escape($secret))
        $output | Should -Not -Match ([regex]::Escape($secret))
        @(Get-ChildItem -LiteralPath $folder -Force) | Should -HaveCount 0
    }

    It 'works the same from OFFLINEDATA_STORE' {
        $saved = $env:OFFLINEDATA_STORE
        $env:OFFLINEDATA_STORE = "postgresql://od:$secret@db.invalid/offline"
        try {
            $failures = @()
            try { $null = Get-TransactionIdRecording -Credential $credential } catch { $failures += $_ }
        }
        finally {
            $env:OFFLINEDATA_STORE = $saved
        }
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Match '^(UnsupportedStore|StoreUnavailable),'
        ($failures[0] | Out-String) | Should -Not -Match ([regex]::Escape($secret))
        @(Get-ChildItem -LiteralPath $folder -Force) | Should -HaveCount 0
    }

    It 'stays an error when empty' {
        { Get-OfflineData -Store '' -Credential $credential -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidPath,OfflineData.Commands.GetOfflineDataCommand'
    }
}
