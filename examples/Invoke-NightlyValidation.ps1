<#
.SYNOPSIS
    Nightly validation step: checks every offline data file in a folder and exits non-zero when one is invalid.

.DESCRIPTION
    Meant for a scheduled task or cron job that runs before the import. Every file is validated (one invalid
    file does not hide the others), the findings of invalid files are written to a CSV report (-ReportPath; by
    default offlinedata-findings-<date>-<time>.csv in the temporary folder, named in a warning), and the exit
    code tells the scheduler what happened:
        0  every file is valid (warnings allowed) and has data rows
        1  at least one file has errors, or has no data row at all (empty or header only, which Import-OfflineData
           refuses; see the findings report)
        2  a file could not be read at all, no file matched, the findings report could not be written, or the
           OfflineData module could not be loaded
    Every file is also logged to the console with Write-Host (rows, errors, warnings).

    -Path takes several paths: under pwsh -File, "-Path a.csv,b.csv" arrives as the one string 'a.csv,b.csv', which
    the script splits at the commas unless it names an existing file (a file name with a comma stays whole).

.EXAMPLE
    pwsh -NoProfile -File ./examples/Invoke-NightlyValidation.ps1 -Path '/data/exports/*.zip'
#>
[CmdletBinding()]
param(
    # Files to validate; wildcards allowed. Under pwsh -File, 'a.csv,b.csv' is split at the commas.
    [Parameter(Mandatory)]
    [string[]] $Path,

    # Where the findings of invalid files are written (CSV).
    [string] $ReportPath = (Join-Path ([IO.Path]::GetTempPath()) ('offlinedata-findings-{0:yyyyMMdd-HHmmss}.csv' -f (Get-Date)))
)

$ErrorActionPreference = 'Continue'
# A scheduler's log file gets plain text, not ANSI colour codes around warnings.
if ([Console]::IsOutputRedirected -and (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue)) { $PSStyle.OutputRendering = 'PlainText' }

# pwsh -File passes "-Path a.csv,b.csv" as the one string 'a.csv,b.csv'; a file whose name has a comma stays whole.
function Split-PathList([string[]] $List) {
    foreach ($item in $List) {
        $exists = $false
        try {
            $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($item)
            $exists = [IO.File]::Exists($full) -or [IO.Directory]::Exists($full)
        }
        catch { $exists = $false }
        if ($item -and $item.Contains(',') -and -not $exists) {
            $item.Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ }
        }
        else { $item }
    }
}
$Path = @(Split-PathList $Path)

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

# A file without any data row (empty, header only: NoDataRows) is only a warning to Test-OfflineDataFile, but
# Import-OfflineData fails it (NoImportableRows) and the import script exits 2: it must not pass validation with 0.
$invalid = @($reports | Where-Object { -not $_.IsValid -or $_.RowCount -eq 0 })
$reportFailed = $false
if ($invalid.Count -gt 0) {
    try {
        # Stop: a report that could not be written (missing folder, access denied) must not be announced as written.
        $invalid | ForEach-Object Findings |
            Select-Object Path, Entry, Line, RowIndex, ColumnName, Code, Severity, RawValue, Message |
            Export-Csv -LiteralPath $ReportPath -NoTypeInformation -Encoding UTF8 -ErrorAction Stop
        Write-Warning ('{0} invalid file(s); findings written to {1}' -f $invalid.Count, $ReportPath)
    }
    catch {
        Write-Warning ('{0} invalid file(s); the findings report could not be written to {1}: {2}' -f $invalid.Count, $ReportPath, $_.Exception.Message)
        $reportFailed = $true
    }
}

# A findings report that could not be written is a failure of the run (2), not "see the findings report" (1).
if ($readErrors.Count -gt 0 -or $reports.Count -eq 0 -or $reportFailed) { exit 2 }
if ($invalid.Count -gt 0) { exit 1 }
exit 0
