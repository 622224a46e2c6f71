#Requires -Version 5.1
<#
.SYNOPSIS
Builds and tests the OfflineData module.

.DESCRIPTION
Build assembles the importable module folder out/OfflineData (manifest, assemblies, formats, help) with
'dotnet build'. Package also packs that folder into a PSGallery-ready out/packages/OfflineData.<version>.nupkg
with Publish-PSResource (into a throw-away local repository: nothing is published). Test builds, packs, runs
every .NET test project with 'dotnet test' (TRX results in tests/<project>/TestResults), the core tests once more
built for net472 on Mono (the .NET Framework that Windows PowerShell 5.1 uses; skipped with a warning when 'mono' is
missing, a failure when $env:CI is true), and then the Pester suite
in tests/pester against out/OfflineData in a child PowerShell process (so the module's assemblies are never
locked in your session), with Pester 5.9.1 restored from NuGet; it fails when any of these runs fails. The
PostgreSQL store cases of the module and Pester tests run when $env:OFFLINEDATA_TEST_POSTGRES names a server (an
admin connection string; .ci/run starts a throw-away one) and are skipped with the reason otherwise, unless
$env:CI is true, where they fail. Clean removes
out/ and every bin/, obj/ and TestResults/ folder.

Needs the .NET SDK 10 ('dotnet' on PATH). Build and Clean run on Windows PowerShell 5.1 and PowerShell 7;
Package and Test need PowerShell 7.4 or later (PSResourceGet). The repository pins PowerShell 7.6.9 as a local
.NET tool: 'dotnet tool restore', then 'dotnet pwsh ./build.ps1 -Task Test'.

.PARAMETER Configuration
The build configuration, Debug (default) or Release.

.PARAMETER Task
Build (default), Test (builds and packs first), Package (builds first) or Clean.

.EXAMPLE
./build.ps1

Builds the Debug configuration into out/OfflineData.

.EXAMPLE
dotnet tool restore; dotnet pwsh ./build.ps1 -Configuration Release -Task Test

Builds Release, packs it, then runs the xunit tests (on .NET 10, and the core tests on Mono as net472) and the
Pester tests in the pinned PowerShell 7.6.9.

.EXAMPLE
./build.ps1 -Configuration Release -Task Package

Builds Release and writes out/packages/OfflineData.<version>.nupkg, ready for Publish-PSResource -NupkgPath.
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string]
    $Configuration = 'Debug',

    [ValidateSet('Build', 'Test', 'Package', 'Clean')]
    [string]
    $Task = 'Build'
)

$ErrorActionPreference = 'Stop'
# A log file (CI, a scheduled build) gets plain text, not ANSI colour codes.
if ([Console]::IsOutputRedirected -or [Console]::IsErrorRedirected) {
    if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
}

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

function Get-RestoredPester {
    <# Restores Pester from NuGet (tests/pester/Pester.Restore.csproj) and returns the path of its manifest. #>
    $restoreProject = Join-Path $pesterDir 'Pester.Restore.csproj'
    Invoke-DotNet -ArgumentList 'restore', $restoreProject, '--verbosity', 'quiet'
    $packagesRoot = if ($env:NUGET_PACKAGES) {
        $env:NUGET_PACKAGES
    }
    else {
        # 'global-packages: /root/.nuget/packages/' (the folder NuGet restored into).
        $line = & dotnet nuget locals global-packages --list | Select-Object -First 1
        ($line -replace '^\s*global-packages:\s*', '').Trim()
    }
    $version = ([xml](Get-Content -LiteralPath $restoreProject -Raw)).Project.ItemGroup.PackageDownload.Version.Trim('[', ']')
    $manifest = [IO.Path]::Combine($packagesRoot, 'pester', $version, 'tools', 'Pester.psd1')
    if (-not (Test-Path -LiteralPath $manifest -PathType Leaf)) {
        throw "Pester $version was restored, but its manifest is not at '$manifest'."
    }
    $manifest
}

function Invoke-ModulePackage {
    <#
    Packs out/OfflineData into a PSGallery-ready .nupkg in out/packages with Publish-PSResource. It publishes to a
    throw-away local folder repository (Publish-PSResource always publishes somewhere), so nothing leaves the machine;
    -DestinationPath keeps a copy of the very same package.
    #>
    if (-not (Get-Command -Name Publish-PSResource -ErrorAction SilentlyContinue)) {
        throw 'Packaging needs Microsoft.PowerShell.PSResourceGet (Publish-PSResource), which ships with PowerShell 7.4 and later.'
    }
    $packageDir = Join-Path $outDir 'packages'
    if (Test-Path -LiteralPath $packageDir) { Remove-Item -LiteralPath $packageDir -Recurse -Force }
    $null = New-Item -Path $packageDir -ItemType Directory
    $scratchRepository = Join-Path ([IO.Path]::GetTempPath()) ("OfflineData-pack-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -Path $scratchRepository -ItemType Directory
    $repositoryName = 'OfflineDataBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSResourceRepository -Name $repositoryName -Uri $scratchRepository -Trusted
    try {
        Publish-PSResource -Path (Split-Path -Path $manifestPath -Parent) -Repository $repositoryName `
            -DestinationPath $packageDir -SkipDependenciesCheck
    }
    finally {
        Unregister-PSResourceRepository -Name $repositoryName
        Remove-Item -LiteralPath $scratchRepository -Recurse -Force -ErrorAction SilentlyContinue
    }
    $package = Get-ChildItem -LiteralPath $packageDir -Filter '*.nupkg' | Select-Object -First 1
    if (-not $package) { throw "Publish-PSResource wrote no package into '$packageDir'." }
    Write-Host "Module package: $($package.FullName)" -ForegroundColor Cyan
    $package.FullName
}

function Invoke-NetFrameworkTestRun {
    <#
    The .NET Framework half: Windows PowerShell 5.1 runs the netstandard2.0 core on .NET Framework 4.7.2+, so the core
    tests are also built for net472 (tests/OfflineData.Core.Tests with -p:TestNetFramework=true, on the netstandard2.0
    files the module ships) and run with the xunit console runner: under Mono outside Windows, directly on Windows
    PowerShell / Windows. Results (xunit v2 XML) go to tests/OfflineData.Core.Tests/TestResults/net472.xunit.xml.
    Without Mono the run is skipped with a warning, except in CI ($env:CI = true), where that is a failure.
    Returns a failure description, or nothing when the run passed or was skipped.
    #>
    $project = [IO.Path]::Combine($repoRoot, 'tests', 'OfflineData.Core.Tests', 'OfflineData.Core.Tests.csproj')
    $onWindows = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
    $mono = $null
    if (-not $onWindows) {
        $mono = Get-Command -Name mono -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if (-not $mono) {
            $install = "install Mono (Debian/Ubuntu: apt-get install mono-complete)"
            if ($env:CI -in 'true', '1') {
                return "the net472 core tests: 'mono' is not on PATH, and CI requires this run ($install)"
            }
            Write-Warning "Skipped the .NET Framework (net472) run of the core tests: 'mono' is not on PATH. To run it, $install."
            return
        }
    }

    $buildArguments = @($project, '-c', $Configuration, '-f', 'net472', '-p:TestNetFramework=true')
    # Out-Host: this function returns only a failure description, never the tools' output.
    Invoke-DotNet -ArgumentList (@('build') + $buildArguments + @('--verbosity', 'quiet')) | Out-Host
    $properties = (& dotnet msbuild $project -p:TestNetFramework=true -p:TargetFramework=net472 "-p:Configuration=$Configuration" `
            -getProperty:TargetPath -getProperty:NetFrameworkTestRunner | Out-String | ConvertFrom-Json).Properties
    $runner = $properties.NetFrameworkTestRunner
    $testAssembly = $properties.TargetPath
    if (-not (Test-Path -LiteralPath $runner -PathType Leaf)) { throw "The xunit console runner is not at '$runner'." }
    if (-not (Test-Path -LiteralPath $testAssembly -PathType Leaf)) { throw "The net472 test build is not at '$testAssembly'." }

    $resultDir = [IO.Path]::Combine($repoRoot, 'tests', 'OfflineData.Core.Tests', 'TestResults')
    $null = New-Item -Path $resultDir -ItemType Directory -Force
    $result = Join-Path $resultDir 'net472.xunit.xml'
    if (Test-Path -LiteralPath $result) { Remove-Item -LiteralPath $result }
    # -noshadow: the tests start the test .exe as a child process and Mono finds libe_sqlite3.so next to the
    # assemblies; a shadow copy has neither beside it.
    $runnerArguments = @($testAssembly, '-noshadow', '-nologo', '-xml', $result)
    if ($mono) {
        Write-Host "mono $runner $($runnerArguments -join ' ') ($(& $mono.Source --version | Select-Object -First 1))" -ForegroundColor Cyan
        & $mono.Source $runner @runnerArguments | Out-Host
    }
    else {
        Write-Host "$runner $($runnerArguments -join ' ')" -ForegroundColor Cyan
        & $runner @runnerArguments | Out-Host
    }
    if ($LASTEXITCODE -ne 0) { return "the net472 core tests (exit code $LASTEXITCODE; results in $result)" }
}

function Invoke-TestRun {
    <#
    Runs every .NET test project (TRX results in tests/<project>/TestResults), the net472 core tests on Mono
    (Invoke-NetFrameworkTestRun) and then the Pester suite against out/OfflineData, and fails when any of them failed.
    All always run, so one red suite does not hide another.
    #>
    $failures = @()
    $package = Invoke-ModulePackage
    $pesterManifest = Get-RestoredPester

    Write-Host "dotnet test $solution -c $Configuration --no-build --logger trx" -ForegroundColor Cyan
    & dotnet test $solution -c $Configuration --no-build --logger trx
    if ($LASTEXITCODE -ne 0) { $failures += "dotnet test (exit code $LASTEXITCODE)" }

    try {
        $netFrameworkFailure = Invoke-NetFrameworkTestRun
        if ($netFrameworkFailure) { $failures += $netFrameworkFailure }
    }
    catch {
        $failures += "the net472 core tests ($($_.Exception.Message))"
    }

    # The tests import the module from this path (see tests/pester/TestSetup.ps1); the child process inherits it.
    $env:OFFLINEDATA_MODULE_PATH = $manifestPath
    $env:OFFLINEDATA_PACKAGE_PATH = $package
    $env:OFFLINEDATA_PESTER_MANIFEST = $pesterManifest
    $env:OFFLINEDATA_PESTER_PATH = $pesterDir
    $env:OFFLINEDATA_PESTER_RESULT = [IO.Path]::Combine($outDir, 'TestResults', 'Pester.xml')
    $null = New-Item -Path (Split-Path -Path $env:OFFLINEDATA_PESTER_RESULT -Parent) -ItemType Directory -Force
    if (Test-Path -LiteralPath $env:OFFLINEDATA_PESTER_RESULT) { Remove-Item -LiteralPath $env:OFFLINEDATA_PESTER_RESULT }

    $runner = @'
$ErrorActionPreference = 'Stop'
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module -Name $env:OFFLINEDATA_PESTER_MANIFEST
$configuration = New-PesterConfiguration
$configuration.Run.Path = $env:OFFLINEDATA_PESTER_PATH
$configuration.Run.Exit = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.Output.RenderMode = 'Plaintext'
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

    Write-Host "Invoke-Pester $pesterDir ($pesterManifest) against $manifestPath" -ForegroundColor Cyan
    # -EncodedCommand: a multi-line script survives native argument passing unchanged on every platform and edition.
    # -OutputFormat Text: with its output redirected, a child PowerShell would otherwise write CLIXML.
    $encodedRunner = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($runner))
    & $powershellPath -NoProfile -NonInteractive -OutputFormat Text -EncodedCommand $encodedRunner
    if ($LASTEXITCODE -ne 0) { $failures += "Pester ($LASTEXITCODE failed or the run broke; results in $env:OFFLINEDATA_PESTER_RESULT)" }

    if ($failures) { throw "Tests failed: $($failures -join '; ')." }
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
    'Package' { Invoke-ModuleBuild; $null = Invoke-ModulePackage }
    'Clean' { Remove-BuildOutput }
}
