#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Issue 9, "Tests and CI": real pwsh processes importing into one PostgreSQL store. A client killed (SIGKILL, the whole
# process tree) in the middle of its COPY leaves nothing: no row, no ledger entry, no lock, because the server aborts
# the transaction when the connection drops; the next run imports the file whole. Two processes importing at once
# take turns per report suite: the same content is imported once, different files both, and another report suite
# does not wait. The turn-taking is made certain by a third process (psql) holding the report suite's write lock, the
# advisory lock every release takes for it, so that both importers are inside their wait before it is released.
# These run only with a PostgreSQL server (OFFLINEDATA_TEST_POSTGRES): skipped without one on a developer machine,
# failing without one in CI.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Assert-OfflineDataNotShadowed
    $skipBecause = Get-TestStoreSkipReason 'PostgreSQL'

    # The child: imports one file into the store and writes what the user would see, line by line, to its log
    # (VERBOSE:, WARNING:, ERROR: and RESULT <json>), flushed at once so the test can follow it while it runs.
    $childScript = Join-Path $TestDrive 'import-child.ps1'
    Set-Content -LiteralPath $childScript -Value @'
param($Manifest, $Store, $Path, $ReportSuite, $Log)
$log = [IO.StreamWriter]::new($Log, $true)
$log.AutoFlush = $true
try {
    Import-Module $Manifest -ErrorAction Stop
    $log.WriteLine('STARTED')
    Import-OfflineData -LiteralPath $Path -ReportSuite $ReportSuite -Store $Store -Verbose 4>&1 3>&1 2>&1 | ForEach-Object {
        if ($_ -is [System.Management.Automation.VerboseRecord]) { $log.WriteLine("VERBOSE: $($_.Message)") }
        elseif ($_ -is [System.Management.Automation.WarningRecord]) { $log.WriteLine("WARNING: $($_.Message)") }
        elseif ($_ -is [System.Management.Automation.ErrorRecord]) { $log.WriteLine("ERROR: $($_.FullyQualifiedErrorId) $($_.Exception.Message)") }
        else { $log.WriteLine('RESULT ' + ($_ | Select-Object Status, Imported, Revenue, ImportId | ConvertTo-Json -Compress)) }
    }
    $log.WriteLine('DONE')
}
catch {
    $log.WriteLine("ERROR: $($_.FullyQualifiedErrorId) $($_.Exception.Message)")
}
finally {
    $log.Dispose()
}
'@

    # Starts a child pwsh importing $Path; returns its process and the path of its log. Its output is not read:
    # everything the test needs is in the log.
    function Start-ImportChild([string] $Store, [string] $Path, [string] $ReportSuite = 'acme.prod') {
        $log = Join-Path $TestDrive ('child-{0}.log' -f [guid]::NewGuid().ToString('N'))
        $exe = (Get-Process -Id $PID).Path
        $info = [Diagnostics.ProcessStartInfo]::new($exe)
        $info.UseShellExecute = $false
        if ($exe -notmatch 'pwsh') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }   # dotnet pwsh
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $childScript, '-Manifest', $OfflineDataManifestPath,
            '-Store', $Store, '-Path', $Path, '-ReportSuite', $ReportSuite, '-Log', $log) {
            $info.ArgumentList.Add($argument)
        }
        [pscustomobject]@{ Process = [Diagnostics.Process]::Start($info); Log = $log }
    }

    function Get-ChildLog($Child) {
        if (Test-Path -LiteralPath $Child.Log) { @(Get-Content -LiteralPath $Child.Log) } else { @() }
    }

    # Waits for the child to exit; returns its result object (RESULT line) and fails with its log when there is none.
    function Wait-ImportChild($Child, [int] $Seconds = 300) {
        if (-not $Child.Process.WaitForExit($Seconds * 1000)) {
            $Child.Process.Kill($true)
            throw "The import child did not end within $Seconds s: $((Get-ChildLog $Child) -join "`n")"
        }
        $log = Get-ChildLog $Child
        $result = $log | Where-Object { $_.StartsWith('RESULT ') } | Select-Object -Last 1
        if (-not $result) { throw "The import child ended without a result: $($log -join "`n")" }
        $result.Substring(7) | ConvertFrom-Json
    }

    # Polls $Condition (a script block) every 50 ms until it is true; fails with $Because after $Seconds.
    function Wait-Until([scriptblock] $Condition, [string] $Because, [int] $Seconds = 120) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Not within $Seconds s: $Because" }
            Start-Sleep -Milliseconds 50
        }
    }

    function Get-DatabaseName([string] $Store) {
        if ($Store -match '^postgres') { return ([Uri]$Store).AbsolutePath.TrimStart('/') }
        ($Store -split ';' | Where-Object { $_ -match '^\s*Database\s*=' }) -replace '^\s*Database\s*=\s*', ''
    }

    # A file of $Count valid rows, each of its own customer; Num2 is 1.00 .. 9.99 by turns (the revenue is computed).
    # $Tag makes the content (and so the SHA-256) of each file its own.
    function New-BigFile([string] $Name, [int] $Count, [string] $Tag = 'A') {
        $path = Join-Path $TestDrive $Name
        $text = [Text.StringBuilder]::new()
        $null = $text.Append("Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2;Var1;Var2;Var3;Var4;Var5;EventName Attr1;EventName Attr2;EventName Attr3;EventName Attr4;EventName Attr5;EventName Attr6;EventName Attr7;EventName Attr8;EventName Attr9;EventName Attr10;EventTransaction Attr1;EventTransaction Attr2`n")
        $start = [datetime]'2025-03-01 00:00:00'
        $revenue = [decimal]0
        for ($i = 0; $i -lt $Count; $i++) {
            $amount = [decimal](100 + ($i % 900)) / 100
            $revenue += $amount
            $null = $text.Append($start.AddSeconds($i).ToString('yyyy-MM-dd HH:mm:ss')).Append(";CUST-$Tag-$i;7;SHOES;SKU-4711;1;").Append($amount.ToString('0.00', [cultureinfo]::InvariantCulture)).Append(";Stockholm;Store 12;;;;Running;;;;;;;;;;;POS-$Tag-$i`n")
        }
        [IO.File]::WriteAllText($path, $text.ToString(), [Text.UTF8Encoding]::new($false))
        [pscustomobject]@{ Path = $path; Rows = $Count; Revenue = $revenue }
    }

    # The database's rows and ledger as the server has them committed (0 rows when the schema does not exist yet).
    function Get-StoredCounts([string] $Database) {
        $schema = Invoke-TestPsql "SELECT count(*) FROM pg_namespace WHERE nspname = 'offlinedata'" -Database $Database
        if ($schema -eq '0') { return [pscustomobject]@{ Rows = 0; Revenue = [decimal]0; Imports = 0; Schema = $false } }
        $line = Invoke-TestPsql "SELECT (SELECT count(*) FROM offlinedata.offline_row) || '|' || (SELECT coalesce(sum(num2), 0) FROM offlinedata.offline_row) || '|' || (SELECT count(*) FROM offlinedata.import)" -Database $Database
        $rows, $revenue, $imports = $line -split '\|'
        [pscustomobject]@{ Rows = [long]$rows; Revenue = [decimal]::Parse($revenue, [cultureinfo]::InvariantCulture); Imports = [long]$imports; Schema = $true }
    }

    # Other sessions connected to the database (the children), and advisory locks anyone holds in it.
    function Get-OtherBackends([string] $Database) {
        [int](Invoke-TestPsql "SELECT count(*) FROM pg_stat_activity WHERE datname = '$Database' AND pid <> pg_backend_pid()" -Database $Database)
    }

    function Get-AdvisoryLocks([string] $Database) {
        [int](Invoke-TestPsql "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = '$Database'" -Database $Database)
    }

    # The report suite's write lock: pg_advisory_xact_lock(0x4F445253 ('ODRS'), FNV-1a of the suite's UTF-8 bytes),
    # the key every release of the module takes, so import servers of different releases share it.
    function Get-SuiteLockKey([string] $ReportSuite) {
        [uint64] $hash = 2166136261
        foreach ($b in [Text.Encoding]::UTF8.GetBytes($ReportSuite)) {
            $hash = (($hash -bxor $b) * 16777619) % 4294967296
        }
        $signed = if ($hash -ge 2147483648) { [long]$hash - 4294967296 } else { [long]$hash }
        '1329877587, {0}' -f $signed
    }

    # A psql session holding the report suite's write lock in an open transaction until Stop-LockHolder.
    function Start-LockHolder([string] $Database, [string] $ReportSuite) {
        $psql = (Get-Command -Name psql -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
        if (-not $psql) { $psql = @(Get-ChildItem -Path '/usr/lib/postgresql/*/bin/psql' -ErrorAction SilentlyContinue | Sort-Object FullName -Descending | Select-Object -First 1).FullName }
        $admin = $env:OFFLINEDATA_TEST_POSTGRES
        $info = [Diagnostics.ProcessStartInfo]::new($psql)
        $info.UseShellExecute = $false
        $info.RedirectStandardInput = $true
        foreach ($argument in '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1') { $info.ArgumentList.Add($argument) }
        if ($admin -match '^postgres(ql)?://') {
            $uri = [UriBuilder]::new($admin)
            $uri.Path = "/$Database"
            $info.ArgumentList.Add('-d'); $info.ArgumentList.Add($uri.Uri.AbsoluteUri)
        }
        else {
            $conninfo = foreach ($pair in $admin -split ';') {
                $key, $value = $pair -split '=', 2
                if ($null -eq $value) { continue }
                switch -Regex ($key -replace '\s', '') {
                    '^(host|server)$' { "host=$($value.Trim())" }
                    '^port$' { "port=$($value.Trim())" }
                    '^(username|user|userid)$' { "user=$($value.Trim())" }
                    '^(password|pwd|psw)$' { "password=$($value.Trim())" }
                    '^sslmode$' { "sslmode=$($value.Trim())" }
                }
            }
            $info.ArgumentList.Add('-d'); $info.ArgumentList.Add((@($conninfo) + "dbname=$Database") -join ' ')
        }
        $holder = [Diagnostics.Process]::Start($info)
        $holder.StandardInput.WriteLine("BEGIN; SELECT pg_advisory_xact_lock($(Get-SuiteLockKey $ReportSuite));")
        $holder.StandardInput.Flush()
        Wait-Until { (Get-AdvisoryLocks $Database) -eq 1 } "psql took the write lock of '$ReportSuite'" -Seconds 30
        $holder
    }

    function Stop-LockHolder($Holder) {
        $Holder.StandardInput.WriteLine('ROLLBACK;')
        $Holder.StandardInput.Close()
        if (-not $Holder.WaitForExit(30000)) { $Holder.Kill($true) }
    }

    $children = [Collections.Generic.List[object]]::new()
}

AfterAll {
    Remove-TestStores
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'A pwsh importing into PostgreSQL, killed in the middle of its COPY' {
    BeforeEach {
        if ($skipBecause) { Set-ItResult -Skipped -Because $skipBecause }
    }

    AfterEach {
        foreach ($child in $children) { if (-not $child.Process.HasExited) { $child.Process.Kill($true) } }
        $children.Clear()
    }

    It 'leaves no row, no ledger entry and no lock, and the next run imports the file whole and exactly' {
        $store = New-TestStore 'PostgreSQL'
        $database = Get-DatabaseName $store
        $file = New-BigFile 'big.csv' 200000

        $child = Start-ImportChild $store $file.Path
        $children.Add($child)
        # Under way: the child's session has a transaction that wrote (the ledger row first), and its last statement is
        # the COPY of offline rows; committed data would say nothing about that, the server's own view does.
        Wait-Until {
            if ($child.Process.HasExited) { throw "The child ended before its COPY was seen: $((Get-ChildLog $child) -join "`n")" }
            [int](Invoke-TestPsql "SELECT count(*) FROM pg_stat_activity WHERE datname = '$database' AND backend_xid IS NOT NULL AND query LIKE 'COPY offlinedata.offline_row%'" -Database $database) -eq 1
        } 'the child started copying rows'
        $child.Process.Kill($true)   # SIGKILL, the child and anything it started
        $child.Process.WaitForExit()

        (Get-ChildLog $child) | Should -Not -Contain 'DONE'
        @(Get-ChildLog $child | Where-Object { $_.StartsWith('RESULT ') }) | Should -HaveCount 0
        # The server notices the closed connection, rolls the transaction back and ends the backend.
        Wait-Until { (Get-OtherBackends $database) -eq 0 } 'the killed client''s backend ended' -Seconds 60
        Get-AdvisoryLocks $database | Should -Be 0
        $after = Get-StoredCounts $database
        $after.Rows | Should -Be 0
        $after.Imports | Should -Be 0
        @(Get-OfflineDataImport -Store $store) | Should -HaveCount 0

        $rerun = Start-ImportChild $store $file.Path
        $children.Add($rerun)
        $result = Wait-ImportChild $rerun
        $result.Status | Should -Be 'Imported' -Because ((Get-ChildLog $rerun) -join "`n")
        $result.Imported | Should -Be $file.Rows
        [decimal]$result.Revenue | Should -Be $file.Revenue

        $stored = Get-StoredCounts $database
        $stored.Rows | Should -Be $file.Rows
        $stored.Revenue | Should -Be $file.Revenue
        $ledger = @(Get-OfflineDataImport -Store $store)
        $ledger | Should -HaveCount 1
        $ledger[0].Status | Should -Be 'Completed'
        $ledger[0].Imported | Should -Be $file.Rows
        $ledger[0].Revenue | Should -Be $file.Revenue
        $ledger[0].Id | Should -Be $result.ImportId
    }
}

Describe 'Two pwsh processes importing into one PostgreSQL store at once' {
    BeforeEach {
        if ($skipBecause) { Set-ItResult -Skipped -Because $skipBecause }
    }

    AfterEach {
        foreach ($child in $children) { if (-not $child.Process.HasExited) { $child.Process.Kill($true) } }
        $children.Clear()
        if ($holder -and -not $holder.HasExited) { $holder.Kill($true) }
    }

    It 'import the same content once: one Completed entry, the other skipped as already imported, no row doubled' {
        $store = New-TestStore 'PostgreSQL'
        $database = Get-DatabaseName $store
        $file = New-BigFile 'same.csv' 25000
        $holder = Start-LockHolder $database 'acme.prod'

        $first = Start-ImportChild $store $file.Path
        $second = Start-ImportChild $store $file.Path
        $children.AddRange(@($first, $second))
        foreach ($child in $first, $second) {
            Wait-Until { Get-ChildLog $child | Where-Object { $_ -like 'VERBOSE: *waiting*' } } 'both imports are waiting for the report suite'
        }
        Stop-LockHolder $holder

        $results = @(Wait-ImportChild $first; Wait-ImportChild $second)
        @($results | Where-Object Status -EQ 'Imported') | Should -HaveCount 1
        @($results | Where-Object Status -EQ 'Skipped') | Should -HaveCount 1
        ($results | Where-Object Status -EQ 'Imported').Imported | Should -Be $file.Rows
        $logs = @(Get-ChildLog $first) + @(Get-ChildLog $second)
        @($logs | Where-Object { $_ -like 'WARNING: The same content*already imported*skipped*' }) | Should -HaveCount 1

        $ledger = @(Get-OfflineDataImport -Store $store)
        $ledger | Should -HaveCount 1
        $ledger[0].Status | Should -Be 'Completed'
        $stored = Get-StoredCounts $database
        $stored.Rows | Should -Be $file.Rows
        $stored.Revenue | Should -Be $file.Revenue
    }

    It 'import different files into the same report suite one after the other, both saying they waited' {
        $store = New-TestStore 'PostgreSQL'
        $database = Get-DatabaseName $store
        $one = New-BigFile 'one.csv' 15000 'A'
        $two = New-BigFile 'two.csv' 12000 'B'
        $holder = Start-LockHolder $database 'acme.prod'

        $first = Start-ImportChild $store $one.Path
        $second = Start-ImportChild $store $two.Path
        $children.AddRange(@($first, $second))
        foreach ($child in $first, $second) {
            Wait-Until { Get-ChildLog $child | Where-Object { $_ -like 'VERBOSE: *acme.prod*being written by another process*waiting*' } } 'both imports are waiting for the report suite'
        }
        Stop-LockHolder $holder

        (Wait-ImportChild $first).Imported | Should -Be $one.Rows
        (Wait-ImportChild $second).Imported | Should -Be $two.Rows
        $ledger = @(Get-OfflineDataImport -Store $store -Status Completed)
        $ledger | Should -HaveCount 2
        ($ledger.Imported | Measure-Object -Sum).Sum | Should -Be ($one.Rows + $two.Rows)
        $stored = Get-StoredCounts $database
        $stored.Rows | Should -Be ($one.Rows + $two.Rows)
        $stored.Revenue | Should -Be ($one.Revenue + $two.Revenue)
        $stored.Imports | Should -Be 2
    }

    It 'do not wait for each other when they import into different report suites' {
        $store = New-TestStore 'PostgreSQL'
        $database = Get-DatabaseName $store
        $held = New-BigFile 'held.csv' 12000 'H'
        $free = New-BigFile 'free.csv' 12000 'F'
        $holder = Start-LockHolder $database 'acme.prod'

        $waiting = Start-ImportChild $store $held.Path 'acme.prod'
        $children.Add($waiting)
        Wait-Until { Get-ChildLog $waiting | Where-Object { $_ -like 'VERBOSE: *waiting*' } } 'the acme.prod import is waiting'

        # acme.test has a lock of its own: it is imported while acme.prod is still held.
        $other = Start-ImportChild $store $free.Path 'acme.test'
        $children.Add($other)
        $otherResult = Wait-ImportChild $other
        $otherResult.Status | Should -Be 'Imported'
        $otherResult.Imported | Should -Be $free.Rows
        (Get-ChildLog $other | Where-Object { $_ -like 'VERBOSE: *waiting*' }) | Should -BeNullOrEmpty
        $waiting.Process.HasExited | Should -BeFalse
        @(Get-OfflineDataImport -Store $store -ReportSuite acme.prod) | Should -HaveCount 0

        Stop-LockHolder $holder
        (Wait-ImportChild $waiting).Imported | Should -Be $held.Rows
        @(Get-OfflineDataImport -Store $store -Status Completed) | Should -HaveCount 2
    }
}
