<#
.SYNOPSIS
    Nightly import step: validates offline data files, imports them into the store, and exits with a code the
    scheduler understands.

.DESCRIPTION
    Meant for a Windows scheduled task or a cron job, after the exports have landed:
      0. Checks the arguments, and warns when the report suite has no Transaction ID recording settings in the
         store (never configured, or misspelt: IDs are case-sensitive), as then no row can be matched by
         transaction ID. Register it with Set-TransactionIdRecording -ReportSuite <id> (-Enabled to record).
      1. Optionally records the day's online activity (web orders with transaction IDs) first (-OnlinePath).
      2. Validates every file with Test-OfflineDataFile and logs its counts. With -RequireValid a file with any
         error is not imported at all; otherwise its valid rows are imported and the rows with errors go to the
         quarantine folder with their codes and lines.
      3. Imports each file with Import-OfflineData: one transaction per file, so a file is in the store whole or
         not at all; content imported before is skipped (the ledger remembers it), so re-running the task is safe.
      4. Reconciles each imported (or skipped) file: Measure-OfflineData summarises the file (by day) and the store's
         rows of its import the same way, and the two checksums must be equal (rows, Num1, Num2 and distinct
         customers per day). A mismatch is logged with both totals and makes the run exit 5.
    Exit codes:
        0  every file was imported (or had been already); no row was rejected
        1  every file was imported, but rows were rejected: offline rows quarantined (see the quarantine files
           named in the log) or online rows not recorded (e.g. RecordingDisabled; see the log)
        2  at least one file was not imported or recorded (failed, unreadable, invalid under -RequireValid, an
           online file without its columns), or no file matched
        3  the store could not be opened, read or written (for any file: this code wins over 1 and 2; the other
           files are still tried), or the module could not be loaded
        4  the arguments are wrong (e.g. a malformed -ReportSuite or -RejectPath); nothing was done
        5  a file's summary and the store's summary of its import differ (reconciliation): the store does not hold
           what the file holds (this code wins over 1 and 2; 3 wins over it)
    Everything is logged to the console with Write-Host, so the scheduler's log keeps it.

    -Path and -OnlinePath take several paths also from pwsh -File, where "-Path a.csv,b.csv" arrives as one
    string: a value with commas that is not an existing file is split at the commas.

.EXAMPLE
    pwsh -NoProfile -File ./examples/Invoke-NightlyImport.ps1 -Path '/data/exports/*.csv' -ReportSuite acme.prod

.EXAMPLE
    pwsh -NoProfile -File ./examples/Invoke-NightlyImport.ps1 -Path '/data/exports/stores.csv,/data/exports/calls.zip' -ReportSuite acme.prod

.EXAMPLE
    pwsh -NoProfile -File ./examples/Invoke-NightlyImport.ps1 -Path 'D:\exports\*.zip' -ReportSuite acme.prod -OnlinePath 'D:\web\orders-*.csv' -Store 'D:\data\offlinedata.db' -RequireValid
#>
[CmdletBinding()]
param(
    # Offline data files to import; wildcards allowed. Under pwsh -File, 'a.csv,b.csv' is split at the commas.
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
# A scheduler's log file gets plain text, not ANSI colour codes around the cmdlets' warnings (as the validation script).
if ([Console]::IsOutputRedirected -and (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue)) { $PSStyle.OutputRendering = 'PlainText' }
try {
    Import-Module OfflineData -ErrorAction Stop
}
catch {
    Write-Host "Cannot load the OfflineData module: $_"
    exit 3
}

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
if ($OnlinePath) { $OnlinePath = @(Split-PathList $OnlinePath) }

# A malformed ID would fail every cmdlet's parameter check; say so as a configuration error, not a store error.
# The type is named with its assembly: on PowerShell 7 OfflineData.Core lives in the module's own load context, which
# PowerShell's type-name lookup does not search (see README, "Module layout").
if (-not [OfflineData.Core.Store.ReportSuiteId, OfflineData.Core]::IsValid($ReportSuite)) {
    Write-Host ("invalid arguments: '{0}' is not a report suite ID (1 to 100 characters from A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit). Nothing was done." -f $ReportSuite)
    exit 4
}

# An unusable -RejectPath would only fail at the first import, after online rows were recorded and files validated:
# check it here, so that exit 4 really means nothing was done.
if ($RejectPath) {
    $rejectFull = $null
    try { $rejectFull = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($RejectPath) }
    catch {
        Write-Host ("invalid arguments: -RejectPath '{0}' is not a usable folder path: {1} Nothing was done." -f $RejectPath, $_.Exception.Message)
        exit 4
    }
    if ([IO.File]::Exists($rejectFull)) {
        Write-Host ("invalid arguments: -RejectPath '{0}' is a file; give the folder the quarantine files go to. Nothing was done." -f $RejectPath)
        exit 4
    }
}

$common = @{ ReportSuite = $ReportSuite }
if ($Store) { $common.Store = $Store }
$storeOnly = @{}
if ($Store) { $storeOnly.Store = $Store }

# Rows of online activity are matched by their error code: these reject one row, any other error a whole file.
$onlineRowErrors = 'MissingVisitorId', 'InvalidOnlineTimestamp', 'TransactionIdTooLong', 'RecordingDisabled', 'MalformedOnlineRow'
$onlineRejected = 0
$onlineNotRecorded = 0
# Store failures are non-terminating per file (StoreUnavailable, or a result whose FailureCause is StoreFailed):
# counted here, they make the run exit 3 (store unavailable), not 2.
$storeFailed = 0
# Files whose summary differs from the store's summary of their import (exit 5).
$mismatched = 0
function Test-StoreError($ErrorRecord) { ($ErrorRecord.FullyQualifiedErrorId -split ',')[0] -eq 'StoreUnavailable' }

try {
    # A never-configured or misspelt report suite imports without a word, every transaction ID unmatched.
    $settingsErrors = $null
    $settings = Get-TransactionIdRecording -ReportSuite $ReportSuite @storeOnly -ErrorVariable settingsErrors -ErrorAction SilentlyContinue
    foreach ($e in $settingsErrors) {
        if (Test-StoreError $e) { $storeFailed++; Write-Host "store error: $e" }
    }
    if (-not $settings -and $storeFailed -eq 0) {
        Write-Host ("WARNING: report suite '{0}' has no Transaction ID recording settings in the store (never configured, or misspelt? IDs are case-sensitive): no row can be matched by transaction ID. Register it with Set-TransactionIdRecording -ReportSuite {0} (add -Enabled to record transaction IDs)." -f $ReportSuite)
    }

    if ($OnlinePath) {
        $onlineErrors = $null
        $online = @(Import-OnlineData -Path $OnlinePath @common -ErrorVariable onlineErrors -ErrorAction SilentlyContinue)
        foreach ($o in $online) {
            Write-Host ('online {0}: {1} rows, {2} transactions recorded, {3} duplicates, {4} rejected' -f $o.Source, $o.Rows, $o.TransactionsRecorded, $o.DuplicateTransactions, $o.Rejected)
            $onlineRejected += $o.Rejected
        }
        foreach ($e in $onlineErrors) {
            if ($onlineRowErrors -contains ($e.FullyQualifiedErrorId -split ',')[0]) { Write-Host "online row not recorded: $e" }
            elseif (Test-StoreError $e) { $storeFailed++; Write-Host "store error: $e" }
            else { $onlineNotRecorded++; Write-Host "online file not recorded: $e" }
        }
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
        foreach ($e in $importErrors) {
            if (Test-StoreError $e) { $storeFailed++; Write-Host "store error: $e" }
            # A failed file's ImportFailed error says what its result's Message says; that is logged below, once.
            elseif ($result -and ($e.FullyQualifiedErrorId -split ',')[0] -eq 'ImportFailed') { continue }
            else { Write-Host "import error: $e" }
        }
        if (-not $result) {
            if (-not ($importErrors | Where-Object { Test-StoreError $_ })) { $notImported++ }
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
            default {
                if ($result.FailureCause -eq 'StoreFailed') { $storeFailed++; Write-Host "  store error: $($result.Message)" }
                else { $notImported++; Write-Host "  $($result.Message)" }
            }
        }

        # Reconciliation: the file's summary before import against the store's summary of the import holding it
        # (this run's, or the earlier one a skipped file stands for); one checksum comparison per file.
        $importId = if ($result.Status -eq 'Imported') { $result.ImportId } elseif ($result.Status -eq 'Skipped') { $result.PreviousImportId }
        if ($importId) {
            $measureErrors = $null
            $fileTotals = Measure-OfflineData -LiteralPath $report.Path -GroupBy Day -ErrorVariable +measureErrors -ErrorAction SilentlyContinue | Where-Object IsTotal
            $storeTotals = Measure-OfflineData -ImportId $importId @storeOnly -GroupBy Day -ErrorVariable +measureErrors -ErrorAction SilentlyContinue | Where-Object IsTotal
            foreach ($e in $measureErrors) {
                if (Test-StoreError $e) { $storeFailed++; Write-Host "store error: $e" } else { Write-Host "reconciliation error: $e" }
            }
            if ($fileTotals -and $storeTotals) {
                if ($fileTotals.Checksum -eq $storeTotals.Checksum) {
                    Write-Host ('  reconciled: {0} rows, revenue {1}, {2} customers in the file and in import {3}' -f $fileTotals.Rows, $fileTotals.Num2, $fileTotals.DistinctCustomers, $importId)
                }
                else {
                    $mismatched++
                    Write-Host ('  RECONCILIATION MISMATCH for {0}: file {1} rows, revenue {2}, {3} customers; import {4} in the store {5} rows, revenue {6}, {7} customers' -f
                        $report.Path, $fileTotals.Rows, $fileTotals.Num2, $fileTotals.DistinctCustomers, $importId, $storeTotals.Rows, $storeTotals.Num2, $storeTotals.DistinctCustomers)
                }
            }
            elseif (-not ($measureErrors | Where-Object { Test-StoreError $_ })) { $mismatched++; Write-Host "  reconciliation could not summarise $($report.Path)" }
        }
    }
}
catch {
    # Terminating errors: the store cannot be opened or written (StoreUnavailable), or an argument is unusable.
    if ($_.FullyQualifiedErrorId -like 'StoreUnavailable*') {
        Write-Host "store error: $_"
        exit 3
    }
    if ($_.CategoryInfo.Category -eq 'InvalidArgument' -or $_.FullyQualifiedErrorId -like 'ParameterArgumentValidationError*') {
        Write-Host "invalid arguments: $_"
        exit 4
    }
    Write-Host "error: $_"
    exit 2
}

if ($onlineRejected -gt 0) { Write-Host "$onlineRejected online row(s) were not recorded; see 'online row not recorded' above." }
if ($storeFailed -gt 0) { Write-Host "$storeFailed store failure(s); see 'store error' above."; exit 3 }
if ($mismatched -gt 0) { Write-Host "$mismatched file(s) do not reconcile with the store; see 'RECONCILIATION MISMATCH' above."; exit 5 }
if ($notImported -gt 0 -or $onlineNotRecorded -gt 0) { exit 2 }
if ($rejected -gt 0 -or $onlineRejected -gt 0) { exit 1 }
exit 0
