#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# README.md is what a newcomer copies from. A property name in it that the objects do not have makes
# `Where-Object <Name> -eq ...` match nothing, silently; a path of the machine that made a sample is noise.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $readme = [IO.File]::ReadAllText((Join-Path $repoRoot 'README.md'))

    # Every name a user can type against the module: cmdlets, parameters and their aliases, enum values, type names,
    # the properties of what the cmdlets output (a nested object's properties only by their path, e.g.
    # Match.OnlineTimestamp, as that is how they are reached; a collection's items by their own names, as
    # ForEach-Object Findings hands them out), and the ErrorIds of docs/errors.md.
    function Get-ModuleName {
        $names = [Collections.Generic.HashSet[string]]::new([StringComparer]::Ordinal)
        $commands = @(Get-Command -Module OfflineData)
        $moduleAssemblies = @($commands[0].ImplementingType.Assembly) +
            @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'OfflineData.Core' })
        foreach ($command in $commands) {
            [void]$names.Add($command.Name)
            foreach ($parameter in $command.Parameters.Values) {
                [void]$names.Add($parameter.Name)
                foreach ($alias in $parameter.Aliases) { [void]$names.Add($alias) }
            }
        }
        foreach ($type in $moduleAssemblies.GetExportedTypes()) {
            [void]$names.Add($type.Name)
            if ($type.IsEnum) { foreach ($value in [Enum]::GetNames($type)) { [void]$names.Add($value) } }
        }
        $pending = [Collections.Generic.Queue[type]]::new()
        foreach ($type in @($commands.OutputType.Type)) { if ($type) { [void]$names.Add($type.Name); $pending.Enqueue($type) } }
        $seen = [Collections.Generic.HashSet[type]]::new()
        while ($pending.Count) {
            $type = $pending.Dequeue()
            if (-not $seen.Add($type) -or $moduleAssemblies -notcontains $type.Assembly) { continue }
            foreach ($property in $type.GetProperties()) {
                [void]$names.Add($property.Name)
                $propertyType = $property.PropertyType
                $item = if ($propertyType -ne [string] -and [Collections.IEnumerable].IsAssignableFrom($propertyType)) {
                    if ($propertyType.IsArray) { $propertyType.GetElementType() } else { @($propertyType.GetGenericArguments())[-1] }
                }
                if ($item) { $pending.Enqueue($item) }
                elseif ($moduleAssemblies -contains $propertyType.Assembly -and -not $propertyType.IsEnum) {
                    foreach ($nested in $propertyType.GetProperties()) { [void]$names.Add("$($property.Name).$($nested.Name)") }
                }
            }
        }
        $errors = [IO.File]::ReadAllText((Join-Path $repoRoot 'docs/errors.md'))
        foreach ($match in [regex]::Matches($errors, '(?m)^\| `([^`]+)`')) {
            foreach ($id in $match.Groups[1].Value -split '`, `') { [void]$names.Add($id) }
        }
        $names
    }
}

Describe 'README.md' {
    It 'names only properties, parameters and values the module has' {
        $known = Get-ModuleName
        # Not module names, but named in the README on purpose: .NET types, the module itself, the reject file's
        # extra columns, a header spelling the validator accepts, a cron variable.
        $other = 'DateTime', 'FileInfo', 'FullName', 'Test', 'OfflineData', 'RejectEntry', 'RejectLine', 'RejectCode', 'RejectReason', 'TimeStamp', 'MAILTO'
        $tokens = [regex]::Matches($readme, '`([A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)?)`') | ForEach-Object { $_.Groups[1].Value } |
            Sort-Object -Unique -CaseSensitive

        $tokens | Where-Object { -not $known.Contains($_) -and $other -notcontains $_ } | Should -BeNullOrEmpty
    }

    It 'shows tables with the column headers of the module''s own table views' {
        # A sample table is what a newcomer compares their screen with; a view relabelled since the sample was taken
        # (e.g. ByTxn -> MatchedByTransactionId, Started -> StartedAt) leaves a table the module no longer prints.
        $views = foreach ($file in Get-ChildItem -LiteralPath $OfflineDataModuleDirectory -Filter *.Format.ps1xml) {
            foreach ($view in ([xml](Get-Content -Raw -LiteralPath $file.FullName)).Configuration.ViewDefinitions.View) {
                if (-not $view.TableControl) { continue }
                $headers = @($view.TableControl.TableHeaders.TableColumnHeader)
                $items = @($view.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)
                @(for ($i = 0; $i -lt $headers.Count; $i++) { if ($headers[$i].Label) { $headers[$i].Label } else { $items[$i].PropertyName } }) -join ' '
            }
        }
        $views | Should -Not -BeNullOrEmpty
        $lines = $readme -split "`r?`n"
        $checked = 0
        $wrong = for ($i = 0; $i -lt $lines.Count - 1; $i++) {
            if (-not $lines[$i].Trim() -or $lines[$i + 1] -notmatch '^\s*-+( +-+)*\s*$') { continue }
            $header = ($lines[$i].Trim() -split '\s+') -join ' '
            # Only tables whose first column starts one of the module's views are samples of that view (others are
            # Select-Object or Format-Table of chosen properties).
            $first = ($header -split ' ')[0]
            $candidates = @($views | Where-Object { ($_ -split ' ')[0] -eq $first })
            if (-not $candidates) { continue }
            $checked++
            if ($candidates -notcontains $header) { "line $($i + 1): $header" }
        }
        $checked | Should -BeGreaterThan 5
        $wrong | Should -BeNullOrEmpty
    }

    It 'filters stored rows by the property the credited visitor is in' {
        $readme | Should -Match "Where-Object CreditedVisitorId -eq"
    }

    It 'shows no paths of the machine that made its samples' {
        $readme | Should -Not -Match '/work/|/tmp/|C:\\Users\\'
    }

    It 'does not claim cron mails exit codes, and its cron line reports a failing exit code' {
        $readme | Should -Not -Match 'mails the exit code'
        $cron = [regex]::Match($readme, '(?s)```cron\n(.*?)```').Groups[1].Value
        $cron | Should -Match '\|\| echo .*\$\?'
    }

    It 'installs for all users, so a service account finds the module' {
        foreach ($folder in "Join-Path `$env:ProgramFiles 'PowerShell\Modules'", "Join-Path `$env:ProgramFiles 'WindowsPowerShell\Modules'",
            "'/usr/local/share/powershell/Modules'") {
            $readme.Contains($folder) | Should -BeTrue -Because "the README installs into $folder"
        }
    }
}
