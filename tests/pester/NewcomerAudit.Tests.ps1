#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Defects a newcomer found in a real pwsh (issue 7, "the next ten"): each test failed before its fix.
# Every store is a path under $TestDrive, so the per-user store is never touched.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $validSample = Join-Path $repoRoot 'examples/valid-sample.csv'

    function New-Store {
        Join-Path $TestDrive ('store-{0}.db' -f [guid]::NewGuid().ToString('N'))
    }
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'A path from the pipeline that names an existing file is that file, not a wildcard' {
    BeforeAll {
        $folder = Join-Path $TestDrive 'brackets'
        New-Item -ItemType Directory -Path $folder | Out-Null
        # 'day [1].csv' as a wildcard matches 'day 1.csv': a different, invalid file.
        $bracketed = Join-Path $folder 'day [1].csv'
        Copy-Item -LiteralPath $validSample -Destination $bracketed
        Set-Content -LiteralPath (Join-Path $folder 'day 1.csv') -Value '2025-03-01 09:14:05;OTHER;7;;X;1;1.00;'
    }

    It 'imports the file a report names (Test-OfflineDataFile | Import-OfflineData)' {
        $store = New-Store
        $result = Test-OfflineDataFile -LiteralPath $bracketed | Where-Object IsValid | Import-OfflineData -ReportSuite acme.prod -Store $store
        $result.Path | Should -Be $bracketed
        $result.Imported | Should -Be 10
    }

    It 'reads the file a FullName string names' {
        $rows = @((Get-Item -LiteralPath $bracketed).FullName | Read-OfflineDataFile)
        $rows.Count | Should -Be 10
        $rows[0].Path | Should -Be $bracketed
    }

    It 'still expands a piped wildcard that names no file exactly' {
        $names = @(Join-Path $folder 'day*.csv' | Test-OfflineDataFile | ForEach-Object Name)
        $names | Should -Be @('day [1].csv', 'day 1.csv')
    }

    It 'still expands a -Path wildcard typed on the command line' {
        (Test-OfflineDataFile -Path $bracketed).Name | Should -Be 'day 1.csv'
    }
}

Describe 'A relative OFFLINEDATA_STORE is taken from the PowerShell location' {
    BeforeAll { $savedStore = $env:OFFLINEDATA_STORE }
    AfterAll { $env:OFFLINEDATA_STORE = $savedStore }

    It 'creates and reads the store beside the current location, not in the process directory' {
        $folder = Join-Path $TestDrive 'envstore'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $name = 'rel-{0}.db' -f [guid]::NewGuid().ToString('N')
        $processDirectoryStore = Join-Path ([Environment]::CurrentDirectory) $name
        Push-Location $folder
        try {
            $env:OFFLINEDATA_STORE = $name
            Set-TransactionIdRecording -ReportSuite acme.prod -Enabled
            (Get-TransactionIdRecording -ReportSuite acme.prod).Enabled | Should -BeTrue
        }
        finally {
            Pop-Location
            $env:OFFLINEDATA_STORE = $savedStore
            $leaked = Test-Path -LiteralPath $processDirectoryStore
            Remove-Item -LiteralPath $processDirectoryStore, "$processDirectoryStore-wal", "$processDirectoryStore-shm" -ErrorAction SilentlyContinue
        }
        Test-Path -LiteralPath (Join-Path $folder $name) | Should -BeTrue
        $leaked | Should -BeFalse
    }
}

Describe 'A store on another provider is refused' {
    It 'stops with NotFileSystemPath and creates nothing in the process directory' {
        $name = 'env-{0}.db' -f [guid]::NewGuid().ToString('N')
        $processDirectoryStore = Join-Path ([Environment]::CurrentDirectory) $name
        try {
            { Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store "Env:/$name" } |
                Should -Throw -ErrorId 'NotFileSystemPath,OfflineData.Commands.SetTransactionIdRecordingCommand'
            $err = { Get-OfflineDataImport -Store "Env:/$name" } | Should -Throw -PassThru
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.TargetObject | Should -Be "Env:/$name"
            Test-Path -LiteralPath $processDirectoryStore | Should -BeFalse
        }
        finally {
            Remove-Item -LiteralPath $processDirectoryStore, "$processDirectoryStore-wal", "$processDirectoryStore-shm" -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Progress records are not changed after they were written' {
    It 'keeps the opening record of a file as it was when written' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Manifest, $File) Import-Module $Manifest; $ProgressPreference = "Continue"; Test-OfflineDataFile -LiteralPath $File').
                AddArgument($OfflineDataManifestPath).AddArgument($validSample)
            $null = $ps.Invoke()
            $records = @($ps.Streams.Progress)
        }
        finally {
            $ps.Dispose()
        }
        $records.Count | Should -BeGreaterOrEqual 2
        $records[0].RecordType | Should -Be 'Processing'
        $records[0].StatusDescription | Should -Be 'Opening'
        $records[-1].RecordType | Should -Be 'Completed'
    }
}

Describe 'A dry-run import result piped into the readers lists nothing, a skipped one the import holding its content' {
    It 'does not list every row and ledger entry of the report suite' {
        $store = New-Store
        $null = Import-OfflineData -LiteralPath $validSample -ReportSuite acme.prod -Store $store
        $other = Join-Path $TestDrive 'other.csv'
        Set-Content -LiteralPath $other -Value '2025-03-01 09:14:05;C-OTHER;7;;X;1;1.00'

        $dryRun = Import-OfflineData -LiteralPath $other -ReportSuite acme.prod -Store $store -WhatIf
        @($dryRun | Get-OfflineData -Store $store).Count | Should -Be 0
        @($dryRun | Get-OfflineDataImport -Store $store).Count | Should -Be 0

        # A real result still lists its own rows.
        $real = Import-OfflineData -LiteralPath $other -ReportSuite acme.prod -Store $store
        @($real | Get-OfflineData -Store $store).CustomerId | Should -Be 'C-OTHER'

        # A skipped file's result lists the rows of the import that holds its content, not the whole report suite.
        $skipped = Import-OfflineData -LiteralPath $validSample -ReportSuite acme.prod -Store $store -WarningAction SilentlyContinue
        $skipped.Status | Should -Be 'Skipped'
        $rows = @($skipped | Get-OfflineData -Store $store)
        $rows.Count | Should -Be @(Get-OfflineData -ImportId $skipped.PreviousImportId -Store $store).Count
        $rows.CustomerId | Should -Not -Contain 'C-OTHER'
        ($skipped | Get-OfflineDataImport -Store $store).Id | Should -Be $skipped.PreviousImportId
    }
}

Describe 'Import-OfflineData -RejectPath naming a file' {
    It 'stops with InvalidRejectPath before importing, not with a raw IOException' {
        $store = New-Store
        $notAFolder = Join-Path $TestDrive 'reject-here.csv'
        Set-Content -LiteralPath $notAFolder -Value 'keep me'
        $invalid = Join-Path $repoRoot 'examples/invalid-sample.csv'

        $err = { Import-OfflineData -LiteralPath $invalid -ReportSuite acme.prod -Store $store -RejectPath $notAFolder -WarningAction SilentlyContinue } |
            Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'InvalidRejectPath,OfflineData.Commands.ImportOfflineDataCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be $notAFolder
        Get-Content -LiteralPath $notAFolder | Should -Be 'keep me'
        @(Get-OfflineDataImport -Store $store).Count | Should -Be 0
    }
}

Describe 'Convert-OfflineDataFile into a folder, two sources with one base name' {
    It 'names both sources and does not advise the folder it was given' {
        $in = Join-Path $TestDrive 'collide-in'
        $out = Join-Path $TestDrive 'collide-out'
        New-Item -ItemType Directory -Path $in, $out | Out-Null
        Copy-Item -LiteralPath $validSample -Destination (Join-Path $in 'day.csv')
        Copy-Item -LiteralPath (Join-Path $repoRoot 'examples/valid-sample.zip') -Destination (Join-Path $in 'day.zip')

        $results = @(Convert-OfflineDataFile -Path (Join-Path $in 'day.*') -Destination $out -ErrorVariable errs -ErrorAction SilentlyContinue)

        $results.Count | Should -Be 1
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'DestinationExists,*'
        $errs[0].Exception.Message | Should -BeLike "*day.zip*day.csv*"
        $errs[0].Exception.Message | Should -Not -BeLike '*give -Destination a folder*'
    }
}

Describe 'The module in parallel runspaces of a fresh process' {
    It 'opens a store in every runspace (the native SQLite library loads once, for all)' {
        # The race is in the first load of a process, so each try is a new pwsh; before the fix about half of them lost.
        $pwsh = (Get-Process -Id $PID).Path
        $script = Join-Path $TestDrive 'parallel-open.ps1'
        Set-Content -LiteralPath $script -Value @'
param($Manifest, $Folder)
$failed = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
    Import-Module $using:Manifest
    try { $null = Get-OfflineDataImport -Store (Join-Path $using:Folder "parallel-$_.db") -ErrorAction Stop; 0 }
    catch { Write-Host $_; 1 }
}
($failed | Measure-Object -Sum).Sum
'@
        $failures = foreach ($try in 1..5) {
            $hostArgs = @('-NoProfile', '-NonInteractive', '-File', $script, '-Manifest', $OfflineDataManifestPath, '-Folder', $TestDrive)
            if ($pwsh -notmatch 'pwsh') { $hostArgs = @((Join-Path $PSHOME 'pwsh.dll')) + $hostArgs }
            $last = & $pwsh @hostArgs | Select-Object -Last 1
            "$last" | Should -Match '^\d+$'
            [int] $last
        }
        ($failures | Measure-Object -Sum).Sum | Should -Be 0
    }
}
