<#
Common setup for the Pester 5 tests. Dot-source it from each test file's top-level BeforeAll:

    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    }

It imports the assembled module (with -Force, so a rebuilt module is picked up) from
$env:OFFLINEDATA_MODULE_PATH (a manifest path or the module folder; build.ps1 sets it) or, by default,
<repo>/out/OfflineData/OfflineData.psd1, and sets $OfflineDataManifestPath and $OfflineDataModuleDirectory.
Pass -SkipImport (e.g. from BeforeDiscovery) to only resolve the paths.

It also defines New-TestFile, which the test files share (call it inside Describe or It, where TestDrive exists).
#>
param(
    [switch] $SkipImport
)

$OfflineDataManifestPath = if ($env:OFFLINEDATA_MODULE_PATH) {
    $env:OFFLINEDATA_MODULE_PATH
}
else {
    [IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'OfflineData', 'OfflineData.psd1')
}
if (Test-Path -LiteralPath $OfflineDataManifestPath -PathType Container) {
    $OfflineDataManifestPath = Join-Path $OfflineDataManifestPath 'OfflineData.psd1'
}
if (-not (Test-Path -LiteralPath $OfflineDataManifestPath -PathType Leaf)) {
    throw ("The assembled OfflineData module was not found at '$OfflineDataManifestPath'. " +
        "Build it first (./build.ps1 or dotnet build OfflineData.sln), or set `$env:OFFLINEDATA_MODULE_PATH to its manifest.")
}
$OfflineDataManifestPath = (Resolve-Path -LiteralPath $OfflineDataManifestPath).ProviderPath
$OfflineDataModuleDirectory = Split-Path -Path $OfflineDataManifestPath -Parent

if (-not $SkipImport) {
    Import-Module -Name $OfflineDataManifestPath -Force -ErrorAction Stop
}

# Writes $Lines to $TestDrive\$Name as UTF-8 without a byte order mark, each line ended by LF; returns the path.
function New-TestFile([string] $Name, [string[]] $Lines) {
    $path = Join-Path $TestDrive $Name
    [IO.File]::WriteAllText($path, (($Lines -join "`n") + "`n"), [Text.UTF8Encoding]::new($false))
    $path
}

# A child pwsh puts the user's and the all-users module folders before $env:PSModulePath at start-up, so an OfflineData
# installed on this machine would be imported by name instead of the build under test. Tests that start a child which
# imports the module by name call this first, so such a run fails with the reason instead of testing another copy.
function Assert-OfflineDataNotShadowed {
    $others = @(Get-Module -Name OfflineData -ListAvailable |
        Where-Object { -not $_.ModuleBase.StartsWith($OfflineDataModuleDirectory, [StringComparison]::Ordinal) } |
        ForEach-Object ModuleBase | Sort-Object -Unique)
    if ($others) {
        throw ("An installed OfflineData ($($others -join ', ')) would be imported by name instead of the build under test " +
            "'$OfflineDataModuleDirectory': pwsh searches the user and all-users module folders first. Remove it and run again.")
    }
}

# The import scenarios run against each kind of store: Describe '... on <StoreKind>' -ForEach $OfflineDataStoreKinds
# (define it in BeforeDiscovery too: . TestSetup.ps1 -SkipImport). A PostgreSQL store is a fresh database on the server
# $env:OFFLINEDATA_TEST_POSTGRES names (an admin connection string, keyword form or postgresql:// URI), created with
# psql and dropped by Remove-TestStores; its databases are named odtest_<guid> (or $env:OFFLINEDATA_TEST_POSTGRES_PREFIX
# on a shared server). Without that variable the PostgreSQL cases are skipped with the reason on a developer machine;
# in CI ($env:CI = 'true') they fail saying the server is missing.
$OfflineDataStoreKinds = @(@{ StoreKind = 'SQLite' }, @{ StoreKind = 'PostgreSQL' })
$OfflineDataTestDatabases = [Collections.Generic.List[string]]::new()

# Null when the cases of $StoreKind run; else why they are skipped. Throws in CI when the PostgreSQL server is missing.
function Get-TestStoreSkipReason([string] $StoreKind) {
    if ($StoreKind -ne 'PostgreSQL' -or $env:OFFLINEDATA_TEST_POSTGRES) { return $null }
    $message = 'No PostgreSQL server for the PostgreSQL store cases: OFFLINEDATA_TEST_POSTGRES is not set (an admin connection string such as ''Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres''; .ci/run starts one).'
    if ($env:CI -eq 'true' -or $env:CI -eq '1') { throw "$message CI needs it." }
    "$message Skipped on a developer machine; CI fails without it."
}

# Runs one SQL statement with psql on the test server ($Database: another database than the admin one); returns its output.
function Invoke-TestPsql([string] $Sql, [string] $Database) {
    $admin = $env:OFFLINEDATA_TEST_POSTGRES
    $psql = (Get-Command -Name psql -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
    if (-not $psql) { $psql = @(Get-ChildItem -Path '/usr/lib/postgresql/*/bin/psql' -ErrorAction SilentlyContinue | Sort-Object FullName -Descending | Select-Object -First 1).FullName }
    if (-not $psql) { throw 'psql (the PostgreSQL client) is not on PATH: the PostgreSQL cases create their databases with it.' }
    $names = 'PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGDATABASE', 'PGSSLMODE'
    $saved = @{}
    foreach ($name in $names) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    try {
        $arguments = @('-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-c', $Sql)
        if ($admin -match '^postgres(ql)?://') {
            $uri = [UriBuilder]::new($admin)
            if ($Database) { $uri.Path = "/$Database" }
            $arguments += @('-d', $uri.Uri.AbsoluteUri)
        }
        else {
            foreach ($pair in $admin -split ';') {
                $key, $value = $pair -split '=', 2
                if ($null -eq $value) { continue }
                $variable = switch -Regex ($key -replace '\s', '') {
                    '^(host|server)$' { 'PGHOST' }
                    '^port$' { 'PGPORT' }
                    '^(username|user|userid)$' { 'PGUSER' }
                    '^(password|pwd|psw)$' { 'PGPASSWORD' }
                    '^(database|db)$' { 'PGDATABASE' }
                    '^sslmode$' { 'PGSSLMODE' }
                }
                if ($variable) { [Environment]::SetEnvironmentVariable($variable, $value.Trim()) }
            }
            if ($Database) { $env:PGDATABASE = $Database }
        }
        $output = & $psql @arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "psql failed on '$Sql': $output" }
        ($output -join "`n").Trim()
    }
    finally {
        # Not SetEnvironmentVariable($name, $null): PowerShell passes $null to a string parameter as '', which psql rejects.
        foreach ($name in $names) {
            if ($null -eq $saved[$name]) { Remove-Item -LiteralPath "Env:$name" -ErrorAction SilentlyContinue } else { Set-Item -LiteralPath "Env:$name" -Value $saved[$name] }
        }
    }
}

# A new, empty store of $StoreKind: an SQLite path under $TestDrive, or a fresh database's connection string (no
# password: one in the admin string goes to PGPASSWORD, which the store reads like psql).
function New-TestStore([string] $StoreKind = 'SQLite') {
    if ($StoreKind -ne 'PostgreSQL') { return Join-Path $TestDrive ('store-{0}.db' -f [guid]::NewGuid().ToString('N')) }
    $prefix = if ($env:OFFLINEDATA_TEST_POSTGRES_PREFIX) { $env:OFFLINEDATA_TEST_POSTGRES_PREFIX.ToLowerInvariant() } else { 'odtest_' }
    $name = $prefix + [guid]::NewGuid().ToString('N')
    if ($name -notmatch '^[a-z_][a-z0-9_]{0,62}$') { throw "Not a plain database name: $name (check OFFLINEDATA_TEST_POSTGRES_PREFIX)." }
    $null = Invoke-TestPsql "CREATE DATABASE $name"
    $OfflineDataTestDatabases.Add($name)
    $admin = $env:OFFLINEDATA_TEST_POSTGRES
    if ($admin -match '^postgres(ql)?://') {
        $uri = [UriBuilder]::new($admin)
        if ($uri.Password -and -not $env:PGPASSWORD) { $env:PGPASSWORD = [Uri]::UnescapeDataString($uri.Password) }
        $uri.Password = ''
        $uri.Path = "/$name"
        return $uri.Uri.AbsoluteUri
    }
    $kept = foreach ($pair in $admin -split ';') {
        $key, $value = $pair -split '=', 2
        if ($null -eq $value) { continue }
        switch -Regex ($key.Trim() -replace '\s', '') {
            '^(password|pwd|psw)$' { if (-not $env:PGPASSWORD) { $env:PGPASSWORD = $value.Trim() } }
            '^(database|db)$' { }
            default { "$($key.Trim())=$($value.Trim())" }
        }
    }
    (@($kept) + "Database=$name") -join ';'
}

# Whether the store was created: the SQLite file exists, or the database has the schema offlinedata.
function Test-TestStore([string] $Store) {
    if ($Store -notmatch '^(postgres(ql)?://|[A-Za-z ]+=)') { return Test-Path -LiteralPath $Store }
    $database = if ($Store -match '^postgres') { ([Uri]$Store).AbsolutePath.TrimStart('/') } else { ($Store -split ';' | Where-Object { $_ -match '^\s*Database\s*=' }) -replace '^\s*Database\s*=\s*', '' }
    (Invoke-TestPsql "SELECT count(*) FROM pg_namespace WHERE nspname = 'offlinedata'" -Database $database) -ne '0'
}

# Drops every database New-TestStore created (call from AfterAll).
function Remove-TestStores {
    foreach ($name in @($OfflineDataTestDatabases)) {
        $null = Invoke-TestPsql "DROP DATABASE IF EXISTS $name WITH (FORCE)"
        $null = $OfflineDataTestDatabases.Remove($name)
    }
}


# Add-TestDelivery: writes delivery ledger entries as Send-OfflineDataFile does (shared with the module tests).
. (Join-Path $PSScriptRoot 'TestDeliveries.ps1')
