#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# The PSGallery package that 'build.ps1 -Task Package' (and -Task Test) writes: its manifest carries the gallery
# fields, and it installs with PSResourceGet into an empty module path from which a new PowerShell imports the
# module by name, as a user who installs it from a gallery would.
# build.ps1 -Task Test passes the package in $env:OFFLINEDATA_PACKAGE_PATH. Without it the tests cannot run: they
# fail in CI (CI=true) and are skipped with the reason elsewhere (a hand-run Invoke-Pester).

BeforeDiscovery {
    $script:packagePath = $env:OFFLINEDATA_PACKAGE_PATH
}

Describe 'The module package' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'TestSetup.ps1') -SkipImport
        $packagePath = $env:OFFLINEDATA_PACKAGE_PATH
        $hasPackage = $packagePath -and (Test-Path -LiteralPath $packagePath -PathType Leaf)

        function Assert-Package {
            if ($hasPackage) { return $true }
            $reason = "no package: set OFFLINEDATA_PACKAGE_PATH to the .nupkg of 'build.ps1 -Task Package' (now '$packagePath')"
            if ($env:CI -eq 'true') { throw $reason }
            Set-ItResult -Skipped -Because $reason
            $false
        }

        if ($hasPackage) {
            Add-Type -AssemblyName System.IO.Compression.FileSystem
            $archive = [IO.Compression.ZipFile]::OpenRead($packagePath)
            try {
                $nuspecEntry = $archive.Entries | Where-Object FullName -Like '*.nuspec' | Select-Object -First 1
                $reader = [IO.StreamReader]::new($nuspecEntry.Open())
                try { $nuspec = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
                $entryNames = @($archive.Entries.FullName)
            }
            finally {
                $archive.Dispose()
            }
        }
    }

    It 'is named after the module and the manifest version' {
        if (-not (Assert-Package)) { return }
        $version = (Import-PowerShellDataFile -LiteralPath $OfflineDataManifestPath).ModuleVersion
        Split-Path -Path $packagePath -Leaf | Should -Be "OfflineData.$version.nupkg"
        $nuspec.package.metadata.id | Should -Be 'OfflineData'
        $nuspec.package.metadata.version | Should -Be $version
    }

    It 'carries the gallery fields: both editions as tags, project, licence and release notes' {
        if (-not (Assert-Package)) { return }
        $metadata = $nuspec.package.metadata
        $tags = $metadata.tags -split '\s+'
        $tags | Should -Contain 'PSEdition_Desktop'
        $tags | Should -Contain 'PSEdition_Core'
        $tags | Should -Contain 'PSModule'
        $metadata.projectUrl | Should -Match '^https://'
        ($metadata.licenseUrl, $metadata.license.'#text' | Where-Object { $_ }) | Should -Not -BeNullOrEmpty
        $metadata.releaseNotes | Should -Not -BeNullOrEmpty
        $metadata.description | Should -Not -BeNullOrEmpty
    }

    It 'holds the assembled module: manifest, assemblies, loaders, dependency folder, formats and help' {
        if (-not (Assert-Package)) { return }
        $entryNames | Should -Contain 'OfflineData.psd1'
        $entryNames | Should -Contain 'OfflineData.dll'
        $entryNames | Should -Contain 'OfflineData.Loader.dll'
        $entryNames | Should -Contain 'OfflineData.LoadContext.dll'
        $entryNames | Should -Contain 'dependencies/OfflineData.Core.dll'
        $entryNames | Should -Contain 'dependencies/CsvHelper.dll'
        $entryNames | Should -Contain 'dependencies/runtimes/win-x64/native/e_sqlite3.dll'
        $entryNames | Where-Object { $_ -like '*.dll' -and $_ -notlike 'dependencies/*' } |
            Sort-Object | Should -Be @('OfflineData.dll', 'OfflineData.LoadContext.dll', 'OfflineData.Loader.dll')
        $entryNames | Should -Contain 'en-US/OfflineData.dll-Help.xml'
        @($entryNames | Where-Object { $_ -like '*.Format.ps1xml' }).Count | Should -BeGreaterOrEqual 3
    }

    It 'installs into an empty module path and imports by name in a new PowerShell' {
        if (-not (Assert-Package)) { return }
        $repository = Join-Path $TestDrive 'repository'
        $modules = Join-Path $TestDrive 'modules'
        $null = New-Item -Path $repository, $modules -ItemType Directory -Force
        Copy-Item -LiteralPath $packagePath -Destination $repository
        $repositoryName = 'OfflineDataTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Register-PSResourceRepository -Name $repositoryName -Uri $repository -Trusted
        try {
            Save-PSResource -Name OfflineData -Repository $repositoryName -Path $modules -TrustRepository -SkipDependencyCheck
        }
        finally {
            Unregister-PSResourceRepository -Name $repositoryName
        }
        Get-ChildItem -LiteralPath (Join-Path $modules 'OfflineData') -Directory | Should -HaveCount 1

        $exeName = if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }
        # pwsh adds the user's and the all-users module folders to PSModulePath at start-up, so an OfflineData installed
        # on this machine would win; the probe sets the path itself, to the install folder and PowerShell's own modules.
        $probe = @'
$ErrorActionPreference = 'Stop'
$env:PSModulePath = $env:OFFLINEDATA_PROBE_MODULES + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
$module = Import-Module -Name OfflineData -PassThru
$command = Get-Command -Module OfflineData -Name Test-OfflineDataFile
$help = Get-Help -Name Test-OfflineDataFile
'{0}|{1}|{2}|{3}' -f $module.ModuleBase, @(Get-Command -Module OfflineData).Count, $command.CommandType, [bool]$help.Synopsis
'@
        $env:OFFLINEDATA_PROBE_MODULES = $modules
        try {
            $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($probe))
            $output = & (Join-Path $PSHOME $exeName) -NoProfile -NonInteractive -OutputFormat Text -EncodedCommand $encoded 2>&1
            $exitCode = $LASTEXITCODE
        }
        finally {
            Remove-Item -Path Env:OFFLINEDATA_PROBE_MODULES -ErrorAction SilentlyContinue
        }
        $exitCode | Should -Be 0 -Because ($output | Out-String)
        $base, $count, $type, $hasSynopsis = ($output | Select-Object -Last 1) -split '\|'
        $base | Should -BeLike "$modules*"
        [int]$count | Should -Be @((Import-PowerShellDataFile -LiteralPath $OfflineDataManifestPath).CmdletsToExport).Count
        $type | Should -Be 'Cmdlet'
        $hasSynopsis | Should -Be 'True'
    }
}
