<#
Common setup for the Pester 5 tests. Dot-source it from each test file's top-level BeforeAll:

    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    }

It imports the assembled module (with -Force, so a rebuilt module is picked up) from
$env:OFFLINEDATA_MODULE_PATH (a manifest path or the module folder; build.ps1 sets it) or, by default,
<repo>/out/OfflineData/OfflineData.psd1, and sets $OfflineDataManifestPath and $OfflineDataModuleDirectory.
Pass -SkipImport (e.g. from BeforeDiscovery) to only resolve the paths.
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
