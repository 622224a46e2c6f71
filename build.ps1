#Requires -Version 5.1
<#
.SYNOPSIS
Builds and tests the OfflineData module.

.DESCRIPTION
Build assembles the importable module folder out/OfflineData (manifest, assemblies, formats, help) with
'dotnet build'. Test builds, runs every .NET test project with 'dotnet test' and then, when Pester 5.1 or
later is installed, runs the Pester suite in tests/pester against out/OfflineData in a child PowerShell
process (so the module's assemblies are never locked in your session). Clean removes out/ and every
bin/, obj/ and TestResults/ folder.

Needs the .NET SDK 10 ('dotnet' on PATH). Runs on Windows PowerShell 5.1 and PowerShell 7.

.PARAMETER Configuration
The build configuration, Debug (default) or Release.

.PARAMETER Task
Build (default), Test (builds first) or Clean.

.EXAMPLE
./build.ps1

Builds the Debug configuration into out/OfflineData.

.EXAMPLE
./build.ps1 -Configuration Release -Task Test

Builds Release, runs the xunit tests, then the Pester tests if Pester 5.1 or later is installed.
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string]
    $Configuration = 'Debug',

    [ValidateSet('Build', 'Test', 'Clean')]
    [string]
    $Task = 'Build'
)

$ErrorActionPreference = 'Stop'

$repoRoot = $PSScriptRoot
$solution = Join-Path $repoRoot 'OfflineData.sln'
$outDir = Join-Path $repoRoot 'out'
$manifestPath = [IO.Path]::Combine($outDir, 'OfflineData', 'OfflineData.psd1')
$pesterDir = [IO.Path]::Combine($repoRoot, 'tests', 'pester')

function Invoke-DotNet {
    <# Runs dotnet with the given arguments and stops the build when it fails. #>
    param([Parameter(Mandatory)][string[]] $ArgumentList)

    Write-Host "dotnet $($ArgumentList -join ' ')" -ForegroundColor Cyan
    & dotnet @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($ArgumentList[0]) failed with exit code $LASTEXITCODE."
    }
}

function Invoke-ModuleBuild {
    Invoke-DotNet -ArgumentList 'build', $solution, '-c', $Configuration
    if (-not (Test-Path -LiteralPath $manifestPath -PathType Leaf)) {
        throw "The build succeeded but did not assemble the module at '$manifestPath'."
    }
}

function Invoke-TestRun {
    Invoke-DotNet -ArgumentList 'test', $solution, '-c', $Configuration, '--no-build'

    # 5.1 is the first Pester with data-driven Describe (-ForEach) and BeforeDiscovery, which the tests use.
    $pester = Get-Module -Name Pester -ListAvailable |
        Where-Object { $_.Version -ge [version]'5.1.0' } |
        Sort-Object -Property Version -Descending |
        Select-Object -First 1
    if (-not $pester) {
        Write-Warning ("Pester 5.1 or later is not installed, so the Pester tests in '$pesterDir' were not run. " +
            "Install it with: Install-Module -Name Pester -MinimumVersion 5.1.0 -Scope CurrentUser")
        return
    }

    # The tests import the module from this path (see tests/pester/TestSetup.ps1); the child process inherits it.
    $env:OFFLINEDATA_MODULE_PATH = $manifestPath
    $env:OFFLINEDATA_PESTER_VERSION = [string]$pester.Version
    $env:OFFLINEDATA_PESTER_PATH = $pesterDir
    $env:OFFLINEDATA_PESTER_RESULT = [IO.Path]::Combine($outDir, 'TestResults', 'Pester.xml')
    $null = New-Item -Path (Split-Path -Path $env:OFFLINEDATA_PESTER_RESULT -Parent) -ItemType Directory -Force

    $runner = @'
$ErrorActionPreference = 'Stop'
Import-Module -Name Pester -RequiredVersion $env:OFFLINEDATA_PESTER_VERSION
$configuration = New-PesterConfiguration
$configuration.Run.Path = $env:OFFLINEDATA_PESTER_PATH
$configuration.Run.Exit = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $env:OFFLINEDATA_PESTER_RESULT
Invoke-Pester -Configuration $configuration
'@

    # A fresh process of the same edition: a binary module cannot be unloaded, and on Windows a loaded
    # OfflineData.dll would block the next build from overwriting out/OfflineData.
    $exeName = if ($PSVersionTable.PSEdition -eq 'Core') { 'pwsh' } else { 'powershell' }
    if ($PSVersionTable.PSEdition -ne 'Core' -or $IsWindows) { $exeName += '.exe' }
    $powershellPath = Join-Path $PSHOME $exeName

    Write-Host "Invoke-Pester $pesterDir (Pester $($pester.Version)) against $manifestPath" -ForegroundColor Cyan
    # -EncodedCommand: a multi-line script survives native argument passing unchanged on every platform and edition.
    $encodedRunner = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($runner))
    & $powershellPath -NoProfile -NonInteractive -EncodedCommand $encodedRunner
    if ($LASTEXITCODE -ne 0) {
        throw "Pester tests failed ($LASTEXITCODE failed or the run broke); results in $env:OFFLINEDATA_PESTER_RESULT."
    }
}

function Remove-BuildOutput {
    $targets = @(Get-ChildItem -Path (Join-Path $repoRoot 'src'), (Join-Path $repoRoot 'tests') -Directory -Recurse |
        Where-Object { $_.Name -in 'bin', 'obj', 'TestResults' })
    if (Test-Path -LiteralPath $outDir) { $targets += Get-Item -LiteralPath $outDir }
    foreach ($target in $targets) {
        if (Test-Path -LiteralPath $target.FullName) {
            Write-Host "Removing $($target.FullName)"
            Remove-Item -LiteralPath $target.FullName -Recurse -Force
        }
    }
}

if ($Task -ne 'Clean' -and -not (Get-Command -Name dotnet -CommandType Application -ErrorAction SilentlyContinue)) {
    throw "The .NET SDK 10 is required: 'dotnet' was not found on PATH."
}

switch ($Task) {
    'Build' { Invoke-ModuleBuild }
    'Test' { Invoke-ModuleBuild; Invoke-TestRun }
    'Clean' { Remove-BuildOutput }
}
