#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Dependency isolation (issue 8): another version of CsvHelper and SharpZipLib in the session, loaded before or after
# the module, breaks nothing, and both versions stay loaded side by side (README, "Module layout and assembly
# conflicts"). Each case runs in a new PowerShell process, so the order of loading is really the one tested.
# The other versions are CsvHelper 30.0.1 and SharpZipLib 1.2.0, restored by the PackageDownload items of
# tests/OfflineData.Module.Tests/OfflineData.Module.Tests.csproj (its restore is part of dotnet build/test).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -SkipImport
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $isCore = $PSVersionTable.PSEdition -eq 'Core'

    # The versions the module tests download, read from the project so both suites use the same ones.
    $project = [xml](Get-Content -Raw -LiteralPath ([IO.Path]::Combine($repoRoot, 'tests', 'OfflineData.Module.Tests', 'OfflineData.Module.Tests.csproj')))
    $downloads = @{}
    foreach ($item in $project.Project.ItemGroup.PackageDownload) { if ($item) { $downloads[$item.Include] = $item.Version.Trim('[', ']') } }
    $packagesRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { [IO.Path]::Combine([Environment]::GetFolderPath('UserProfile'), '.nuget', 'packages') }
    # The build a host of this edition would pick: CsvHelper's net6.0 one needs no Microsoft.Bcl packages.
    $csvHelperLib = if ($isCore) { 'net6.0' } else { 'net47' }
    $sharpZipLibLib = if ($isCore) { 'netstandard2.0' } else { 'net45' }
    $csvHelperPath = [IO.Path]::Combine($packagesRoot, 'csvhelper', $downloads['CsvHelper'], 'lib', $csvHelperLib, 'CsvHelper.dll')
    $sharpZipLibPath = [IO.Path]::Combine($packagesRoot, 'sharpziplib', $downloads['SharpZipLib'], 'lib', $sharpZipLibLib, 'ICSharpCode.SharpZipLib.dll')
    foreach ($path in $csvHelperPath, $sharpZipLibPath) {
        if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
            throw "'$path' is missing: it is restored by 'dotnet restore tests/OfflineData.Module.Tests' (part of dotnet build OfflineData.sln)."
        }
    }

    # Runs $Script in a new PowerShell of this edition with the test's paths as parameters; returns its JSON output.
    $childScript = Join-Path $TestDrive 'child.ps1'
    function Invoke-Child([string] $Script, [switch] $ModuleFirst) {
        Set-Content -LiteralPath $childScript -Value $Script
        $exe = (Get-Process -Id $PID).Path
        $hostArgs = @('-NoProfile', '-NonInteractive', '-File', $childScript,
            '-Manifest', $OfflineDataManifestPath, '-CsvHelper', $csvHelperPath, '-SharpZipLib', $sharpZipLibPath,
            '-Examples', (Join-Path $repoRoot 'examples'), '-Folder', $TestDrive)
        if ($ModuleFirst) { $hostArgs += '-ModuleFirst' }
        if ($exe -notmatch 'pwsh|powershell') { $hostArgs = @((Join-Path $PSHOME 'pwsh.dll')) + $hostArgs }   # dotnet pwsh
        $output = & $exe @hostArgs 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $json = ($output -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1)
        $json | Should -Not -BeNullOrEmpty -Because $output
        $json | ConvertFrom-Json
    }

    # Test, Convert (a zip: SharpZipLib), Import and Import-OnlineData (its CSV reader is the module's only CsvHelper
    # user since Convert reads sources with the format's own tokenizer), with the other versions loaded before or
    # after the module; reports what ran and which assemblies are loaded, in which load context.
    $scenario = @'
param($Manifest, $CsvHelper, $SharpZipLib, $Examples, $Folder, [switch] $ModuleFirst)
$ErrorActionPreference = 'Stop'
$csv = Join-Path $Examples 'valid-sample.csv'
$zip = Join-Path $Examples 'valid-sample.zip'
$run = [guid]::NewGuid().ToString('N')
if ($ModuleFirst) {
    Import-Module $Manifest
    $null = Test-OfflineDataFile -LiteralPath $zip            # the module's own SharpZipLib is loaded before the other one
    $null = Convert-OfflineDataFile -LiteralPath $zip -Destination (Join-Path $Folder "warm-$run.csv")
    # ... and its own CsvHelper (recording is off in this store: its rows are errors, the CSV is read all the same)
    $null = Import-OnlineData -LiteralPath (Join-Path $Examples 'import/online-transactions.csv') -ReportSuite acme.prod -Store (Join-Path $Folder "warm-$run.db") -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
}
Add-Type -Path $CsvHelper
Add-Type -Path $SharpZipLib
# The session uses its versions: a CSV read and a zip listing with them, before and after the module's cmdlets.
$sessionCsv = [CsvHelper.CsvReader].Assembly.GetName().Version.Major
Import-Module $Manifest
$store = Join-Path $Folder "store-$run.db"
Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
$report = [ordered]@{
    TestValid      = @(Test-OfflineDataFile -LiteralPath $csv, $zip | ForEach-Object IsValid)
    ConvertWritten = (Convert-OfflineDataFile -LiteralPath $zip -Destination (Join-Path $Folder "converted-$run.csv")).RowsWritten
    ImportStatus   = "$((Import-OfflineData -LiteralPath $csv -ReportSuite acme.prod -Store $store).Status)"
    OnlineRecorded = (Import-OnlineData -LiteralPath (Join-Path $Examples 'import/online-transactions.csv') -ReportSuite acme.prod -Store $store -WarningAction SilentlyContinue).TransactionsRecorded
    SessionCsvHelper  = $sessionCsv
    SessionSharpZipLib = [ICSharpCode.SharpZipLib.Zip.ZipFile].Assembly.GetName().Version.ToString(2)
    Assemblies     = @([AppDomain]::CurrentDomain.GetAssemblies() |
        Where-Object { $_.GetName().Name -match '^(OfflineData.*|CsvHelper|ICSharpCode\.SharpZipLib|Microsoft\.Data\.Sqlite|SQLitePCLRaw\..*|System\.IO\.Hashing)$' } |
        ForEach-Object {
            [ordered]@{
                Name     = $_.GetName().Name
                Version  = $_.GetName().Version.ToString()
                Context  = if ($PSVersionTable.PSEdition -eq 'Core') { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name } else { $null }
                Location = $_.Location
            }
        })
}
$report | ConvertTo-Json -Depth 4 -Compress
'@

    function Assert-SideBySide($Report) {
        $Report.TestValid | Should -Be @($true, $true)
        $Report.ConvertWritten | Should -Be 10
        $Report.ImportStatus | Should -Be 'Imported'
        $Report.OnlineRecorded | Should -Be 4
        $Report.SessionCsvHelper | Should -Be 30
        $Report.SessionSharpZipLib | Should -Be '1.2'
        $dependencies = Join-Path $OfflineDataModuleDirectory 'dependencies'
        foreach ($pair in @(@('CsvHelper', '30.', '33.'), @('ICSharpCode.SharpZipLib', '1.2.', '1.4.2.'))) {
            $loaded = @($Report.Assemblies | Where-Object Name -eq $pair[0])
            $loaded.Count | Should -Be 2 -Because "both versions of $($pair[0]) are loaded side by side"
            $sessions = $loaded | Where-Object { $_.Version.StartsWith($pair[1]) }
            $modules = $loaded | Where-Object { $_.Version.StartsWith($pair[2]) }
            $sessions | Should -Not -BeNullOrEmpty
            $modules.Location | Should -Be (Join-Path $dependencies (Split-Path -Leaf $modules.Location))
            if ($isCore) {
                $sessions.Context | Should -Be 'Default'
                $modules.Context | Should -Be 'OfflineData'
            }
        }
        if ($isCore) {
            # Everything from dependencies/ is in the module's context; the cmdlets and the loaders in the default one.
            foreach ($assembly in $Report.Assemblies | Where-Object { $_.Location.StartsWith($OfflineDataModuleDirectory) }) {
                $expected = if ((Split-Path -Parent $assembly.Location) -eq $dependencies) { 'OfflineData' } else { 'Default' }
                $assembly.Context | Should -Be $expected -Because $assembly.Location
            }
            @($Report.Assemblies | Where-Object Name -eq 'OfflineData.Core').Count | Should -Be 1
        }
    }
}

Describe 'The module with other versions of its dependencies in the session' {
    It 'runs Test, Convert, Import and Import-OnlineData when CsvHelper 30 and SharpZipLib 1.2 were loaded first' {
        Assert-SideBySide (Invoke-Child $scenario)
    }

    It 'runs Test, Convert, Import and Import-OnlineData when CsvHelper 30 and SharpZipLib 1.2 are loaded after the module' {
        Assert-SideBySide (Invoke-Child $scenario -ModuleFirst)
    }

    It 'imports again after Remove-Module in the same session, on the same loaded copies' {
        $report = Invoke-Child @'
param($Manifest, $CsvHelper, $SharpZipLib, $Examples, $Folder, [switch] $ModuleFirst)
$ErrorActionPreference = 'Stop'
$csv = Join-Path $Examples 'valid-sample.csv'
Import-Module $Manifest
$first = (Test-OfflineDataFile -LiteralPath $csv).IsValid
Remove-Module OfflineData
$removed = @(Get-Module OfflineData).Count
Import-Module $Manifest
$again = (Test-OfflineDataFile -LiteralPath $csv).IsValid
Import-Module $Manifest -Force
$forced = (Test-OfflineDataFile -LiteralPath $csv).IsValid
[ordered]@{
    Runs    = @($first, $removed, $again, $forced)
    Cores   = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'OfflineData.Core' }).Count
    Nested  = @((Get-Module OfflineData).NestedModules.Name)
} | ConvertTo-Json -Compress
'@
        $report.Runs | Should -Be @($true, 0, $true, $true)
        $report.Cores | Should -Be 1
        $report.Nested | Should -Be @('OfflineData.Loader')
    }
}

# Issue 12: libphonenumber-csharp (identifier hashing) is a dependency like the others. Another module's copy
# (9.0.38, downloaded by tests/OfflineData.Module.Tests) loaded before or after the module stays in the default context
# and keeps working, while the module hashes phone numbers with its own 9.0.43 from dependencies/.
Describe 'The module next to another libphonenumber-csharp' {
    BeforeAll {
        $phoneLib = if ($isCore) { 'net8.0' } else { 'netstandard2.0' }
        $otherPhoneNumbers = [IO.Path]::Combine($packagesRoot, 'libphonenumber-csharp', $downloads['libphonenumber-csharp'], 'lib', $phoneLib, 'PhoneNumbers.dll')
        if (-not (Test-Path -LiteralPath $otherPhoneNumbers -PathType Leaf)) {
            throw "'$otherPhoneNumbers' is missing: it is restored by 'dotnet restore tests/OfflineData.Module.Tests' (part of dotnet build OfflineData.sln)."
        }
        $phoneScenario = @'
param($Manifest, $CsvHelper, $SharpZipLib, $Examples, $Folder, [switch] $ModuleFirst)
$ErrorActionPreference = 'Stop'
$run = [guid]::NewGuid().ToString('N')
$source = Join-Path $Folder "phones-$run.csv"
Set-Content -LiteralPath $source -Value @('Time;Id;Phone', '2025-03-01 09:14:05;C1;070-123 45 67')
function Convert-Phones {
    $out = Join-Path $Folder ("hashed-{0}.csv" -f [guid]::NewGuid().ToString('N'))
    $null = Convert-OfflineDataFile -LiteralPath $source -Destination $out -ColumnMap @{ Timestamp = 'Time'; CustomerId = 'Id'; Var3 = 'Phone' } -Constant @{ EventType = 7; EventName = 'P'; Num1 = 1; Num2 = 1 } -HashColumn @{ Var3 = 'Phone' } -HashProfile Meta -DefaultRegion SE
    (Get-Content -LiteralPath $out)[1].Split(';')[9]
}
$before = $null
if ($ModuleFirst) { Import-Module $Manifest; $before = Convert-Phones }
Add-Type -Path $env:OFFLINEDATA_TEST_OTHER_PHONENUMBERS
$session = [PhoneNumbers.PhoneNumberUtil]::GetInstance().Parse('+46 70 123 45 67', 'ZZ').NationalNumber
Import-Module $Manifest
[ordered]@{
    Hashed     = @($before, (Convert-Phones)) | Where-Object { $_ }
    Session    = "$session"
    Assemblies = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'PhoneNumbers' } | ForEach-Object {
        [ordered]@{
            Version  = $_.GetName().Version.ToString()
            Context  = if ($PSVersionTable.PSEdition -eq 'Core') { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name } else { $null }
            Location = $_.Location
        }
    })
} | ConvertTo-Json -Depth 4 -Compress
'@
        $sha = [System.Security.Cryptography.SHA256]::Create()
        $expected = -join ($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes('46701234567')) | ForEach-Object { $_.ToString('x2') })
    }

    It 'hashes phones with its own copy when the other is loaded <When>' -ForEach @(@{ When = 'first'; ModuleFirst = $false }, @{ When = 'after the module'; ModuleFirst = $true }) {
        $env:OFFLINEDATA_TEST_OTHER_PHONENUMBERS = $otherPhoneNumbers
        try { $report = Invoke-Child $phoneScenario -ModuleFirst:$ModuleFirst } finally { Remove-Item Env:OFFLINEDATA_TEST_OTHER_PHONENUMBERS }
        @($report.Hashed) | ForEach-Object { $_ | Should -Be $expected }
        $report.Session | Should -Be '701234567'
        $loaded = @($report.Assemblies)
        $loaded.Count | Should -Be 2 -Because 'both versions of PhoneNumbers are loaded side by side'
        $module = $loaded | Where-Object { $_.Version.StartsWith('9.0.43.') }
        $other = $loaded | Where-Object { $_.Version.StartsWith($downloads['libphonenumber-csharp'] + '.') }
        $module.Location | Should -Be (Join-Path (Join-Path $OfflineDataModuleDirectory 'dependencies') 'PhoneNumbers.dll')
        $other.Location | Should -Be $otherPhoneNumbers
        if ($isCore) {
            $module.Context | Should -Be 'OfflineData'
            $other.Context | Should -Be 'Default'
        }
    }
}
