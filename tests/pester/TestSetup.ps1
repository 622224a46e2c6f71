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
