<#
.SYNOPSIS
    Nightly delivery: converts till exports to offline data files, validates them and sends them to Related Digital's
    drop and, optionally, to Adobe Data Sources with their .fin markers, exactly once; exits with a code the scheduler
    understands.

.DESCRIPTION
    Meant for a Windows scheduled task or a cron job, after the till exports have landed. What to convert and where
    to send is in a settings file (-SettingsPath; examples/nightly-delivery.psd1 is a commented template) that the
    ops engineer maintains: its sections Convert, RelatedDigital, Adobe.Export and Adobe.Send hold the parameters
    of the cmdlet each step runs, plus CredentialPath (a PSCredential saved with Export-Clixml).
      0. Checks the arguments and the settings (known keys only, a trusted host key for every SFTP destination,
         readable credential, key and known_hosts files) before anything is done.
      1. Converts each till export with Convert-OfflineDataFile into a new run folder <WorkFolder>/<yyyyMMdd-HHmmss>;
         rows it cannot convert go to a reject file there, with their line and reason.
      2. Validates each converted file with Test-OfflineDataFile. A file with errors is not sent (conversion already
         refuses every row the validator would, so this is a safety net); warnings are logged.
      3. Sends the files with Send-OfflineDataFile to Related Digital: a unique remote name per run (NamePattern,
         default {BaseName}_{Timestamp}{Extension}), uploaded as <name>.part and renamed when its size is checked,
         recorded in the store's delivery ledger.
      4. With an Adobe section: writes Adobe Data Sources files from the same files with Export-AdobeDataSource (rows
         Adobe would skip or refuse go to a reject file) and sends them with Send-OfflineDataFile -Marker Fin: each
         .txt, then its empty .fin, in name order.
    Consent: every send and the Adobe export apply the store's opt-out list (seed 003: send unless an opt-out is
    recorded; Import-OfflineDataConsent records it): rows of opted-out customers are left out of what is sent, each file's
    count is logged, and the run's total is logged before the verdict (it does not change the exit code). Give the
    Adobe.Export and Adobe.Send sections the same SuppressConsentValue/ConsentScope (or neither), so that the exported
    Adobe files, which name no customer, are sent under the policy they were written with.
    A re-run of the same night converts again but sends nothing twice: the ledger knows the content (whatever its
    remote name), logs "already sent as ..." and the run exits 0 (rows rejected from files that an earlier run sent
    were reported by that run).
    Exit codes:
        0  every file was sent (or had been already); no row was rejected
        1  every file was sent, but rows of a file sent in this run were rejected: by the conversion, or by Adobe's
           pre-flight (the log names each reject file)
        2  at least one file was not sent (not convertible, no row left, invalid, a destination unreachable or
           refusing its host key or login, a remote file in the way), or no file matched -Path; the other files and
           the other destination are still sent
        3  the store (the delivery ledger) could not be opened, read or written (this code wins over 1 and 2), or
           the module could not be loaded
        4  the arguments or the settings are wrong (e.g. a missing settings file, a misspelt key, an SFTP destination
           without HostKeyFingerprint or KnownHostsPath or with AcceptAnyHostKey, a credential file that cannot be read); nothing was done.
           A value only its cmdlet can judge (e.g. an unknown Culture) is refused at its step: nothing was sent,
           the run folder may hold what was written before
    Every step is logged to the console with Write-Host (each file's outcome, its remote name and destination), so
    the scheduler's log keeps it; without colour codes when the output is redirected.

    -Path takes several paths also from pwsh -File, where "-Path a.csv,b.csv" arrives as one string: a value with
    commas that is not an existing file is split at the commas.

    Windows Task Scheduler (PowerShell 7), every night at 03:00, as the account that saved the credential file:
        schtasks /Create /TN "OfflineData nightly delivery" /SC DAILY /ST 03:00 /RU CONTOSO\svc-offlinedata /RP * /TR "pwsh.exe -NoProfile -NonInteractive -File C:\OfflineData\examples\Invoke-NightlyDelivery.ps1 -Path D:\till\export-*.csv -SettingsPath C:\ProgramData\OfflineData\nightly-delivery.psd1 -Store D:\data\offlinedata.db"
    cron (Linux), every night at 03:00; cron mails what the job prints, so only a failed run prints a line:
        0 3 * * * pwsh -NoProfile -NonInteractive -File /opt/offlinedata/examples/Invoke-NightlyDelivery.ps1 -Path '/data/till/export-*.csv' -SettingsPath /etc/offlinedata/nightly-delivery.psd1 -Store /var/lib/offlinedata/offlinedata.db >> /var/log/offlinedata-delivery.log 2>&1 || echo "OfflineData nightly delivery exited with code $?; see /var/log/offlinedata-delivery.log"

.EXAMPLE
    pwsh -NoProfile -File ./examples/Invoke-NightlyDelivery.ps1 -Path './till/*.csv' -SettingsPath ./examples/nightly-delivery.psd1

.EXAMPLE
    pwsh -NoProfile -File ./examples/Invoke-NightlyDelivery.ps1 -Path 'D:\till\stores.csv,D:\till\kiosk.csv' -SettingsPath 'C:\ProgramData\OfflineData\nightly-delivery.psd1' -Store 'D:\data\offlinedata.db' -WorkFolder 'D:\delivery'
#>
[CmdletBinding()]
param(
    # Till exports to deliver; wildcards allowed. Under pwsh -File, 'a.csv,b.csv' is split at the commas.
    [Parameter(Mandatory)]
    [string[]] $Path,

    # The settings file (a .psd1 like examples/nightly-delivery.psd1).
    [Parameter(Mandatory)]
    [string] $SettingsPath,

    # The store holding the delivery ledger; default: $env:OFFLINEDATA_STORE, else the per-user default.
    [string] $Store,

    # Where each run's folder goes; default: the settings' WorkFolder, else offlinedata-delivery in the temporary folder.
    [string] $WorkFolder
)

$ErrorActionPreference = 'Continue'
# A scheduler's log file gets plain text, not ANSI colour codes (as the import and validation scripts).
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

function Exit-InvalidArgument([string] $Message) {
    Write-Host "invalid arguments: $Message Nothing was done."
    exit 4
}

# ---- 0. Arguments and settings: every problem found here exits 4 before a file is written or a server contacted.
$settingsFull = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($SettingsPath)
if (-not [IO.File]::Exists($settingsFull)) { Exit-InvalidArgument "the settings file '$SettingsPath' does not exist." }
try { $settings = Import-PowerShellDataFile -LiteralPath $settingsFull -ErrorAction Stop }
catch { Exit-InvalidArgument "the settings file '$settingsFull' cannot be read: $($_.Exception.Message)" }
$settingsFolder = Split-Path -Path $settingsFull -Parent

# A path in the settings is relative to the settings file, so the file and what it names can move together.
function Resolve-SettingPath([string] $Value) {
    if ([IO.Path]::IsPathRooted($Value)) { $Value } else { [IO.Path]::GetFullPath((Join-Path $settingsFolder $Value)) }
}

function Test-Keys([string] $Section, $Table, [string[]] $Known) {
    if ($Table -isnot [hashtable]) { Exit-InvalidArgument "the settings' $Section must be a table (@{ ... })." }
    foreach ($key in $Table.Keys) {
        if ($Known -notcontains $key) { Exit-InvalidArgument "the settings' $Section has the unknown key '$key' (known: $($Known -join ', '))." }
    }
}

# The keys a section may hold: its cmdlet's own parameters, less those the script sets itself.
$common = [Management.Automation.PSCmdlet]::CommonParameters + [Management.Automation.PSCmdlet]::OptionalCommonParameters
function Get-SettingKeys([string] $Command, [string[]] $Reserved, [string[]] $Extra) {
    @((Get-Command -Name $Command).Parameters.Keys | Where-Object { $common -notcontains $_ -and $Reserved -notcontains $_ }) + $Extra
}

Test-Keys 'top level' $settings @('WorkFolder', 'Convert', 'RelatedDigital', 'Adobe')
if (-not $settings.ContainsKey('RelatedDigital') -and -not $settings.ContainsKey('Adobe')) {
    Exit-InvalidArgument "the settings '$settingsFull' name no destination: give RelatedDigital, Adobe or both."
}
$convertSettings = if ($settings.Convert) { $settings.Convert } else { @{} }
Test-Keys 'Convert' $convertSettings (Get-SettingKeys 'Convert-OfflineDataFile' @('Path', 'LiteralPath', 'Destination', 'RejectPath', 'Compress', 'Force', 'PassThru'))

# Checks one destination section and returns the parameters for Send-OfflineDataFile (the credential read in).
function Get-SendParameters([string] $Section, $Table, [string[]] $Reserved) {
    if ($Table -is [hashtable] -and $Table.ContainsKey('AcceptAnyHostKey')) {
        Exit-InvalidArgument "the settings' $Section has AcceptAnyHostKey: a scheduled job must trust its server by HostKeyFingerprint or KnownHostsPath, so that a credential never goes to a server nobody checked."
    }
    Test-Keys $Section $Table (Get-SettingKeys 'Send-OfflineDataFile' (@('Path', 'LiteralPath', 'Credential', 'Store', 'StoreCredential', 'Force', 'AcceptAnyHostKey', 'ConsentPolicy') + $Reserved) @('CredentialPath'))
    if (-not $Table.Destination) { Exit-InvalidArgument "the settings' $Section has no Destination." }
    $parameters = @{}
    foreach ($key in $Table.Keys) { if ($key -ne 'CredentialPath') { $parameters[$key] = $Table[$key] } }
    $isSftp = "$($Table.Destination)" -match '^sftp://'
    if ($isSftp -and -not ($Table.HostKeyFingerprint -or $Table.KnownHostsPath)) {
        Exit-InvalidArgument "the settings' $Section sends to $($Table.Destination) without HostKeyFingerprint or KnownHostsPath: the server's host key must be pinned (Get-OfflineDataHostKey reads it)."
    }
    foreach ($key in 'KeyFilePath', 'KnownHostsPath') {
        if (-not $Table[$key]) { continue }
        $parameters[$key] = Resolve-SettingPath $Table[$key]
        if (-not [IO.File]::Exists($parameters[$key])) { Exit-InvalidArgument "the settings' $Section $key '$($parameters[$key])' does not exist." }
    }
    if ($Table.CredentialPath) {
        $credentialFile = Resolve-SettingPath $Table.CredentialPath
        try { $credential = Import-Clixml -LiteralPath $credentialFile -ErrorAction Stop }
        catch { Exit-InvalidArgument "the settings' $Section CredentialPath '$credentialFile' cannot be read: $($_.Exception.Message)" }
        if ($credential -isnot [pscredential]) { Exit-InvalidArgument "the settings' $Section CredentialPath '$credentialFile' holds no PSCredential (save one with Get-Credential | Export-Clixml, as the task's account)." }
        $parameters.Credential = $credential
    }
    $parameters
}

$relatedDigital = $null
if ($settings.ContainsKey('RelatedDigital')) {
    $relatedDigital = Get-SendParameters 'RelatedDigital' $settings.RelatedDigital @()
    # A unique name per run: the drop never gets a name twice, and a poller never mistakes one night for another.
    if (-not $relatedDigital.NamePattern) { $relatedDigital.NamePattern = '{BaseName}_{Timestamp}{Extension}' }
}
$adobeExport = $null
$adobeSend = $null
if ($settings.ContainsKey('Adobe')) {
    Test-Keys 'Adobe' $settings.Adobe @('Export', 'Send')
    $adobeExport = if ($settings.Adobe.Export) { $settings.Adobe.Export } else { @{} }
    # Store (and its login) come from -Store, as for the sends: the opt-outs are read from the ledger's store.
    Test-Keys 'Adobe.Export' $adobeExport (Get-SettingKeys 'Export-AdobeDataSource' @('Path', 'LiteralPath', 'Record', 'InputObject', 'OutputFolder', 'RejectPath', 'Force', 'Store', 'Credential'))
    if (-not $settings.Adobe.Send) { Exit-InvalidArgument "the settings' Adobe has no Send section (its Destination)." }
    # Adobe processes a .txt only after its .fin, and only with the names the export gave (they sort in creation order).
    $adobeSend = Get-SendParameters 'Adobe.Send' $settings.Adobe.Send @('Marker', 'NamePattern', 'Compress')
    $adobeSend.Marker = 'Fin'
}

if (-not $WorkFolder) {
    $WorkFolder = if ($settings.WorkFolder) { Resolve-SettingPath $settings.WorkFolder } else { Join-Path ([IO.Path]::GetTempPath()) 'offlinedata-delivery' }
}
if ([IO.File]::Exists($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($WorkFolder))) {
    Exit-InvalidArgument "the work folder '$WorkFolder' is a file."
}
$storeParameter = @{}
if ($Store) { $storeParameter.Store = $Store }

# ---- The run.
$sendTried = $false  # a send was tried: from then on, a bad setting is not 'nothing done'
$rejected = 0        # rows rejected by the conversion or Adobe's pre-flight: exit 1
$notSent = 0         # files not sent: exit 2
$storeFailed = 0     # ledger failures: exit 3
$suppressed = 0      # rows of opted-out customers left out of what was sent (consent; not an error)
function Test-StoreError($ErrorRecord) { ($ErrorRecord.FullyQualifiedErrorId -split ',')[0] -eq 'StoreUnavailable' }

Write-Host ('nightly delivery {0:yyyy-MM-dd HH:mm:ss zzz}, settings {1}' -f (Get-Date), $settingsFull)
$readErrors = $null
$sources = @(Get-Item -Path $Path -ErrorVariable readErrors -ErrorAction SilentlyContinue | Where-Object { -not $_.PSIsContainer })
foreach ($e in $readErrors) { Write-Host "cannot read: $e" }
# A named file that is missing is a file not sent, even when others matched.
$notSent += @($readErrors).Count
if ($sources.Count -eq 0) {
    Write-Host "No file matched $($Path -join ', '). Nothing was sent."
    exit 2
}

$runFolder = Join-Path $WorkFolder ('{0:yyyyMMdd-HHmmss}' -f (Get-Date))
for ($n = 2; Test-Path -LiteralPath $runFolder; $n++) { $runFolder = Join-Path $WorkFolder ('{0:yyyyMMdd-HHmmss}-{1}' -f (Get-Date), $n) }
$offlineFolder = Join-Path $runFolder 'offline'
$null = New-Item -ItemType Directory -Path $offlineFolder -Force
Write-Host "run folder $runFolder"

# Sends $Files with $Parameters, logs each result and counts failures into the script's totals; returns the files that
# were not skipped (sent, recovered or failed), whose rejected rows this run reports.
# -Piped: $Files are Export-AdobeDataSource's output, piped so that Send-OfflineDataFile binds the consent policy they
# were written under (an Adobe transactionID file names no customer: it is sent because the export left them out).
function Send-Files([string] $Leg, [object[]] $Files, [hashtable] $Parameters, [switch] $Piped) {
    $script:sendTried = $true
    $sendErrors = $null
    try {
        $results = @(if ($Piped) {
                $Files | Send-OfflineDataFile @Parameters @storeParameter -ErrorVariable sendErrors -ErrorAction SilentlyContinue -WarningVariable sendWarnings -WarningAction SilentlyContinue
            }
            else {
                Send-OfflineDataFile -LiteralPath $Files @Parameters @storeParameter -ErrorVariable sendErrors -ErrorAction SilentlyContinue -WarningVariable sendWarnings -WarningAction SilentlyContinue
            })
    }
    catch {
        # Terminating: the store cannot be opened, or the destination or its settings are unusable; no file was sent.
        if (Test-StoreError $_) { $script:storeFailed += $Files.Count; Write-Host "$Leg store error: $_" }
        else { $script:notSent += $Files.Count; Write-Host "$Leg error: $_" }
        foreach ($file in $Files) { Write-Host "$Leg not sent: $file" }
        return $Files
    }
    # A skipped file's warning is logged with its result below; others (e.g. waiting for Adobe's folder) here.
    foreach ($w in $sendWarnings) { if ("$w" -notmatch 'not sent again') { Write-Host "$Leg WARNING: $w" } }
    foreach ($r in $results) {
        if ($r.Status -ne 'Skipped') { $r.SourcePath }
        $marker = if ($r.MarkerName) { " + $($r.MarkerName)" } else { '' }
        switch ($r.Status) {
            { $_ -in 'Sent', 'Recovered' } {
                $script:suppressed += $r.SuppressedRows
                $consent = if ($r.SuppressedRows -gt 0) { ", $($r.SuppressedRows) row(s) of opted-out customers left out" } else { '' }
                Write-Host ('{0} {1}: {2} as {3}{4} to {5} ({6} bytes, {7} attempt(s), {8:N1} s{9})' -f $Leg, $r.Status.ToLowerInvariant(), $r.SourcePath, $r.RemoteName, $marker, $r.Destination, $r.Bytes, $r.Attempts, $r.DurationSeconds, $consent)
            }
            'Skipped' {
                Write-Host ('{0} skipped: {1} was already sent as {2}{3} to {4} (ledger entry {5}); not sent again' -f $Leg, $r.SourcePath, $r.RemoteName, $marker, $r.Destination, $r.LedgerId)
            }
            default {
                $cause = $sendErrors | Where-Object { $_.TargetObject -eq $r.SourcePath } | Select-Object -First 1
                if ($cause -and (Test-StoreError $cause)) { $script:storeFailed++ } else { $script:notSent++ }
                # The error names the file, the destination, host, port and user; its ErrorId is what docs/errors.md lists.
                if ($cause) { Write-Host ('{0} FAILED: {1} ({2})' -f $Leg, "$cause", ($cause.FullyQualifiedErrorId -split ',')[0]) }
                else { Write-Host ('{0} FAILED: {1} not sent to {2}: {3}' -f $Leg, $r.SourcePath, $r.Destination, $r.Message) }
            }
        }
    }
    # Errors without a result (a file that vanished before it was read) still mean a file not sent.
    foreach ($e in $sendErrors) {
        if ($results | Where-Object { $_.SourcePath -eq $e.TargetObject }) { continue }
        if (Test-StoreError $e) { $script:storeFailed++ } else { $script:notSent++ }
        Write-Host "$Leg error: $e"
        "$($e.TargetObject)"
    }
}

try {
    # ---- 1. Convert.
    $converted = [Collections.Generic.List[string]]::new()
    # Rejected rows make the run exit 1 when their file goes out in this run; a re-run that skips every file (the
    # ledger knows them) exits 0, as its rejects were reported by the run that sent them.
    $conversionRejects = @{}
    $fresh = [Collections.Generic.HashSet[string]]::new()
    $previouslyReported = 0
    foreach ($source in $sources) {
        $convertErrors = $null
        $result = Convert-OfflineDataFile -LiteralPath $source.FullName -Destination $offlineFolder @convertSettings -ErrorVariable convertErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        foreach ($e in $convertErrors) { Write-Host "not converted: $e" }
        if (-not $result) { $notSent++; continue }
        Write-Host ('converted {0}: {1} rows read, {2} written, {3} rejected -> {4}' -f $result.Source, $result.RowsRead, $result.RowsWritten, $result.RowsRejected, $result.Destination)
        if ($result.RowsRejected -gt 0) {
            $conversionRejects[$result.Destination] = $result.RowsRejected
            Write-Host "  rejected rows ($($result.RejectReasons)) are in $($result.RejectPath)"
        }
        if ($result.RowsWritten -eq 0) {
            Write-Host "  not sent: no row of $($result.Source) could be converted"
            $notSent++
            continue
        }
        $converted.Add($result.Destination)
    }

    # ---- 2. Validate.
    $valid = [Collections.Generic.List[string]]::new()
    foreach ($file in $converted) {
        $report = Test-OfflineDataFile -LiteralPath $file
        Write-Host ('validated {0}: {1} rows, {2} errors, {3} warnings' -f $report.Path, $report.RowCount, $report.ErrorCount, $report.WarningCount)
        foreach ($finding in $report.Findings) { Write-Host "  $finding" }
        if ($report.IsValid) { $valid.Add($file) }
        else { Write-Host "  not sent (invalid): $file"; $notSent++ }
    }

    # ---- 3. Related Digital.
    if ($relatedDigital -and $valid.Count -gt 0) {
        foreach ($f in @(Send-Files 'RelatedDigital' $valid $relatedDigital)) { [void]$fresh.Add($f) }
    }

    # ---- 4. Adobe Data Sources.
    if ($adobeSend -and $valid.Count -gt 0) {
        $adobeFolder = Join-Path $runFolder 'adobe'
        $exportErrors = $null
        $adobeFiles = @(Export-AdobeDataSource -LiteralPath $valid -OutputFolder $adobeFolder @adobeExport @storeParameter -ErrorVariable exportErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        foreach ($f in $adobeFiles) {
            Write-Host ('Adobe exported {0}: {1} rows, {2} day(s) {3:yyyy-MM-dd} to {4:yyyy-MM-dd}, {5} bytes, {6} row(s) of opted-out customers left out' -f $f.FullName, $f.Rows, $f.Days, $f.FirstDate, $f.LastDate, $f.Bytes, $f.SuppressedRows)
        }
        $adobeRejected = 0
        foreach ($e in $exportErrors) {
            if (($e.FullyQualifiedErrorId -split ',')[0] -eq 'AdobeRowsRejected') {
                $adobeRejected += $e.Exception.RowsRejected
                Write-Host "Adobe pre-flight: $e"
            }
            else {
                $notSent++
                Write-Host "Adobe not exported: $e"
            }
        }
        $adobeFresh = @(if ($adobeFiles.Count -gt 0) { Send-Files 'Adobe' $adobeFiles $adobeSend -Piped })
        # Adobe's files mix the rows of every source: any of them going out (or none written) reports every reject.
        if ($adobeFresh.Count -gt 0 -or $adobeFiles.Count -eq 0) {
            $rejected += $adobeRejected
            foreach ($f in $valid) { [void]$fresh.Add($f) }
        }
        else { $previouslyReported += $adobeRejected }
    }

    foreach ($file in $conversionRejects.Keys) {
        if ($fresh.Contains($file) -or $valid -notcontains $file) { $rejected += $conversionRejects[$file] }
        else { $previouslyReported += $conversionRejects[$file] }
    }
}
catch {
    # Terminating errors of a step: an unusable setting value (e.g. a ColumnMap naming no column), or anything else.
    $badSetting = $_.CategoryInfo.Category -eq 'InvalidArgument' -or $_.FullyQualifiedErrorId -like 'ParameterArgument*' -or $_.FullyQualifiedErrorId -like 'CannotConvertArgument*'
    if ($badSetting -and -not $sendTried) {
        Write-Host "invalid settings: $_"
        Write-Host 'exit 4: a setting is wrong; nothing was sent.'
        exit 4
    }
    Write-Host "error: $_"
    $notSent++
}

# ---- The verdict, worst first. Consent suppression is not a failure: it is what must happen, reported for the audit.
if ($suppressed -gt 0) { Write-Host "consent: $suppressed row(s) of opted-out customers were left out of the files sent in this run." }
if ($storeFailed -gt 0) { Write-Host "exit 3: the delivery ledger failed for $storeFailed file(s); see 'store error' above."; exit 3 }
if ($notSent -gt 0) { Write-Host "exit 2: $notSent file(s) not sent; see above."; exit 2 }
if ($rejected -gt 0) { Write-Host "exit 1: every file was sent (or had been already); $rejected row(s) were rejected (see the reject files named above)."; exit 1 }
if ($previouslyReported -gt 0) { Write-Host "exit 0: every file was sent (or had been already); the $previouslyReported rejected row(s) of files an earlier run sent were reported by that run."; exit 0 }
Write-Host 'exit 0: every file was sent (or had been already).'
exit 0
