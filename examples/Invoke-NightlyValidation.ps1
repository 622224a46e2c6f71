<#
.SYNOPSIS
    Nightly validation step: checks every offline data file in a folder and exits non-zero when one is invalid.

.DESCRIPTION
    Meant for a scheduled task or cron job that runs before the import. Every file is validated (one invalid
    file does not hide the others), the findings of invalid files are written to a CSV report (-ReportPath; by
    default offlinedata-findings-<date>-<time>.csv in the temporary folder, named in a warning), and the exit
    code tells the scheduler what happened:
        0  every file is valid (warnings allowed)
        1  at least one file has errors (see the findings report)
        2  a file could not be read at all, no file matched, or the OfflineData module could not be loaded
    Every file is also logged to the console with Write-Host (rows, errors, warnings).

    Under pwsh -File, "-Path a.csv,b.csv" arrives as the one name 'a.csv,b.csv' (not found: exit 2). Give one
    wildcard that matches the files, e.g. -Path '/data/exports/*.csv', or call the script from PowerShell.

.EXAMPLE
    pwsh -NoProfile -File ./examples/Invoke-NightlyValidation.ps1 -Path '/data/exports/*.zip'
#>
[CmdletBinding()]
param(
    # Files to validate; wildcards allowed.
    [Parameter(Mandatory)]
    [string[]] $Path,

    # Where the findings of invalid files are written (CSV).
    [string] $ReportPath = (Join-Path ([IO.Path]::GetTempPath()) ('offlinedata-findings-{0:yyyyMMdd-HHmmss}.csv' -f (Get-Date)))
)

$ErrorActionPreference = 'Continue'
try {
    Import-Module OfflineData -ErrorAction Stop
}
catch {
    # An uncaught error would end the script with exit code 1, which means "invalid file" to the scheduler.
    Write-Error -ErrorRecord $_ -ErrorAction Continue
    exit 2
}

$readErrors = $null
$reports = @(Test-OfflineDataFile -Path $Path -ErrorVariable readErrors)

foreach ($report in $reports) {
    Write-Host ('{0}: {1} rows, {2} errors, {3} warnings' -f $report.Path, $report.RowCount, $report.ErrorCount, $report.WarningCount)
}

$invalid = @($reports | Where-Object { -not $_.IsValid })
if ($invalid.Count -gt 0) {
    $invalid | ForEach-Object Findings |
        Select-Object Path, Entry, Line, RowIndex, ColumnName, Code, Severity, RawValue, Message |
        Export-Csv -LiteralPath $ReportPath -NoTypeInformation -Encoding UTF8
    Write-Warning ('{0} invalid file(s); findings written to {1}' -f $invalid.Count, $ReportPath)
}

if ($readErrors.Count -gt 0 -or $reports.Count -eq 0) { exit 2 }
if ($invalid.Count -gt 0) { exit 1 }
exit 0
