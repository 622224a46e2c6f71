<#
.SYNOPSIS
    Nightly import step: validates offline data files, imports them into the store, and exits with a code the
    scheduler understands.

.DESCRIPTION
    Meant for a Windows scheduled task or a cron job, after the exports have landed:
      1. Optionally records the day's online activity (web orders with transaction IDs) first (-OnlinePath).
      2. Validates every file with Test-OfflineDataFile and logs its counts. With -RequireValid a file with any
         error is not imported at all; otherwise its valid rows are imported and the rows with errors go to the
         quarantine folder with their codes and lines.
      3. Imports each file with Import-OfflineData: one transaction per file, so a file is in the store whole or
         not at all; content imported before is skipped (the ledger remembers it), so re-running the task is safe.
    Exit codes:
        0  every file was imported (or had been already); no row was rejected
        1  every file was imported, but some rows were rejected (see the quarantine files named in the log)
        2  at least one file was not imported (failed, unreadable, invalid under -RequireValid) or no file matched
        3  the store could not be opened or written
    Everything is logged to the console with Write-Host, so the scheduler's log keeps it.

.EXAMPLE
    pwsh -NoProfile -File ./examples/Invoke-NightlyImport.ps1 -Path '/data/exports/*.csv' -ReportSuite acme.prod

.EXAMPLE
    pwsh -NoProfile -File ./examples/Invoke-NightlyImport.ps1 -Path 'D:\exports\*.zip' -ReportSuite acme.prod -OnlinePath 'D:\web\orders-*.csv' -Store 'D:\data\offlinedata.db' -RequireValid
#>
[CmdletBinding()]
param(
    # Offline data files to import; wildcards allowed.
    [Parameter(Mandatory)]
    [string[]] $Path,

    # The report suite to import into.
    [Parameter(Mandatory)]
    [string] $ReportSuite,

    # Online activity files (Timestamp, VisitorId, TransactionId, state columns) to record before the import.
    [string[]] $OnlinePath,

    # The store; default: $env:OFFLINEDATA_STORE, else the per-user default.
    [string] $Store,

    # Where quarantine files of rejected rows go; default: 'quarantine' beside the store.
    [string] $RejectPath,

    # Do not import a file that has any error; by default its valid rows are imported and the others quarantined.
    [switch] $RequireValid
)

$ErrorActionPreference = 'Continue'
try {
    Import-Module OfflineData -ErrorAction Stop
}
catch {
    Write-Host "Cannot load the OfflineData module: $_"
    exit 3
}

$common = @{ ReportSuite = $ReportSuite }
if ($Store) { $common.Store = $Store }

try {
    if ($OnlinePath) {
        $online = @(Import-OnlineData -Path $OnlinePath @common -ErrorVariable onlineErrors -ErrorAction SilentlyContinue)
        foreach ($o in $online) {
            Write-Host ('online {0}: {1} rows, {2} transactions recorded, {3} duplicates, {4} rejected' -f $o.Source, $o.Rows, $o.TransactionsRecorded, $o.DuplicateTransactions, $o.Rejected)
        }
        foreach ($e in $onlineErrors) { Write-Host "online error: $e" }
    }

    $readErrors = $null
    $reports = @(Test-OfflineDataFile -Path $Path -ErrorVariable readErrors -ErrorAction SilentlyContinue)
    foreach ($e in $readErrors) { Write-Host "cannot read: $e" }
    if ($reports.Count -eq 0) {
        Write-Host "No file matched $($Path -join ', ')."
        exit 2
    }

    $notImported = $readErrors.Count
    $rejected = 0
    foreach ($report in $reports) {
        Write-Host ('validated {0}: {1} rows, {2} invalid, {3} errors, {4} warnings' -f $report.Path, $report.RowCount, $report.InvalidRowCount, $report.ErrorCount, $report.WarningCount)
        if ($RequireValid -and -not $report.IsValid) {
            Write-Host "not imported (invalid, -RequireValid): $($report.Path)"
            $notImported++
            continue
        }

        $importParameters = $common.Clone()
        if ($RejectPath) { $importParameters.RejectPath = $RejectPath }
        $importErrors = $null
        $result = Import-OfflineData -LiteralPath $report.Path @importParameters -ErrorVariable importErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        foreach ($e in $importErrors) { Write-Host "import error: $e" }
        if (-not $result) {
            $notImported++
            continue
        }

        Write-Host ('{0} {1}: {2} imported ({3} by transaction ID, {4} by customer ID, {5} unattributed), {6} rejected, revenue {7}, {8:N1} s' -f
            $result.Status, $result.Path, $result.Imported, $result.MatchedByTransactionId, $result.MatchedByCustomerId,
            $result.Unattributed, $result.Rejected, $result.Revenue, $result.Duration.TotalSeconds)
        switch ($result.Status) {
            'Imported' {
                if ($result.Rejected -gt 0) {
                    $rejected += $result.Rejected
                    Write-Host "  rejected rows are in $($result.QuarantinePath)"
                }
            }
            'Skipped' { Write-Host "  already imported as import $($result.PreviousImportId); nothing to do" }
            default { $notImported++; Write-Host "  $($result.Message)" }
        }
    }
}
catch {
    # Terminating errors: the store cannot be opened (StoreUnavailable) or written.
    Write-Host "store error: $_"
    exit 3
}

if ($notImported -gt 0) { exit 2 }
if ($rejected -gt 0) { exit 1 }
exit 0
