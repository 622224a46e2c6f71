<#
.SYNOPSIS
    Times reading the benchmark file in a PowerShell pipeline: Import-Csv | Where-Object against
    Read-OfflineDataFile | Where-Object and against Read-OfflineDataFile's filter-left parameters, in one run.

.DESCRIPTION
    Generates (or reuses) the deterministic benchmark file with the benchmark program ("generate" mode, the same file
    as docs/performance.md), imports the module from out/OfflineData (build it first), then times each case with
    Measure-Command (output discarded), best of -Runs, then counts its output in an untimed pass (-NoCount skips it).
    Every case sends its errors and warnings (the file's planted invalid rows and
    duplicates) to $null, so both sides do the same work. Prints a Markdown table (docs/performance.md,
    "Reading in pwsh").

.EXAMPLE
    dotnet build OfflineData.sln -c Release
    dotnet pwsh -NoProfile -File tests/OfflineData.Benchmarks/ReadPipeline.ps1
#>
[CmdletBinding()]
param(
    [long] $Rows = 1000000,
    [int] $Runs = 1,
    [string] $Module = (Join-Path $PSScriptRoot '../../out/OfflineData/OfflineData.psd1'),
    [string] $Directory = (Join-Path ([IO.Path]::GetTempPath()) 'offlinedata-benchmark'),
    [switch] $NoCount
)

$ErrorActionPreference = 'Stop'
$project = Join-Path $PSScriptRoot 'OfflineData.Benchmarks.csproj'
$file = (dotnet run -c Release --project $project -- generate --rows $Rows --dir $Directory | Select-Object -Last 1)
if ($LASTEXITCODE -ne 0 -or -not (Test-Path -LiteralPath $file)) { throw "The benchmark program did not generate the file ($file)." }
Import-Module $Module -Force

# A transaction ID from the middle of the file: what an ops engineer would look up.
$transactionId = $null
$index = 0
foreach ($line in [IO.File]::ReadLines($file)) {
    if (++$index -lt ($Rows / 2)) { continue }
    $fields = $line.Split(';')
    if ($fields.Count -eq 23 -and $fields[22] -match '^[A-Za-z0-9-]{6,}$') { $transactionId = $fields[22]; break }
}

# The planted invalid rows are non-terminating errors, sent to $null in every case: they must not stop a case.
$ErrorActionPreference = 'Continue'
$from = '2025-01-10 10:00:00'
$to = '2025-01-10 10:59:59'
$cases = @(
    @{ Question = 'Num2 > 1000'; Form = 'Import-Csv | Where-Object'; Script = { Import-Csv -LiteralPath $file -Delimiter ';' 2>$null | Where-Object { [decimal]$_.Num2 -gt 1000 } 2>$null } }
    @{ Question = 'Num2 > 1000'; Form = 'Read-OfflineDataFile | Where-Object'; Script = { Read-OfflineDataFile -LiteralPath $file 2>$null 3>$null | Where-Object { $_.Num2 -gt 1000 } } }
    @{ Question = '(all rows)'; Form = 'Read-OfflineDataFile | Out-Null'; Script = { Read-OfflineDataFile -LiteralPath $file 2>$null 3>$null | Out-Null } }
    @{ Question = '(all rows)'; Form = '$null = Read-OfflineDataFile'; Script = { $null = Read-OfflineDataFile -LiteralPath $file 2>$null 3>$null } }
    @{ Question = '(all rows)'; Form = 'Test-OfflineDataFile -NoDuplicateCheck'; Script = { $null = Test-OfflineDataFile -LiteralPath $file -NoDuplicateCheck } }
    @{ Question = 'one hour'; Form = 'Import-Csv | Where-Object'; Script = { Import-Csv -LiteralPath $file -Delimiter ';' 2>$null | Where-Object { $_.'Time Stamp' -ge $from -and $_.'Time Stamp' -le $to } } }
    @{ Question = 'one hour'; Form = 'Read-OfflineDataFile -From -To'; Script = { Read-OfflineDataFile -LiteralPath $file -From $from -To $to 2>$null 3>$null } }
    @{ Question = 'event type 12'; Form = 'Import-Csv | Where-Object'; Script = { Import-Csv -LiteralPath $file -Delimiter ';' 2>$null | Where-Object { $_.'Event Type' -eq '12' } } }
    @{ Question = 'event type 12'; Form = 'Read-OfflineDataFile -EventType'; Script = { Read-OfflineDataFile -LiteralPath $file -EventType 12 2>$null 3>$null } }
    @{ Question = 'customer CUST-1234*'; Form = 'Import-Csv | Where-Object'; Script = { Import-Csv -LiteralPath $file -Delimiter ';' 2>$null | Where-Object { $_.'Customer ID' -clike 'CUST-1234*' } } }
    @{ Question = 'customer CUST-1234*'; Form = 'Read-OfflineDataFile -CustomerId'; Script = { Read-OfflineDataFile -LiteralPath $file -CustomerId 'CUST-1234*' 2>$null 3>$null } }
    @{ Question = 'one transaction ID'; Form = 'Import-Csv | Where-Object'; Script = { Import-Csv -LiteralPath $file -Delimiter ';' 2>$null | Where-Object { $_.'EventTransaction Attr1' -ceq $transactionId } } }
    @{ Question = 'one transaction ID'; Form = 'Read-OfflineDataFile -TransactionId'; Script = { Read-OfflineDataFile -LiteralPath $file -TransactionId $transactionId 2>$null 3>$null } }
)

$results = foreach ($case in $cases) {
    # Timed with the output discarded (Measure-Command drops it), as in a pipeline ending at a file or the screen:
    # collecting 800,000 objects in an array would time the garbage collector, not the pipeline.
    $best = [double]::MaxValue
    for ($run = 0; $run -lt $Runs; $run++) {
        $best = [Math]::Min($best, (Measure-Command $case.Script).TotalSeconds)
    }

    # Counted in a separate, untimed pass, so both forms are seen to give the same answer.
    $count = if ($NoCount) { $null } else { (& $case.Script | Measure-Object).Count }
    Write-Verbose ("{0} / {1}: {2:N2} s" -f $case.Question, $case.Form, $best)
    [pscustomobject]@{ Question = $case.Question; Form = $case.Form; Seconds = $best; Objects = $count }
}

$load = if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ' } else { 'n/a' }
"{0:N0} rows, {1:N1} MB, PowerShell {2}, {3} cores, load average {4}, best of {5} run(s); transaction ID {6}" -f $Rows, ((Get-Item -LiteralPath $file).Length / 1e6), $PSVersionTable.PSVersion, [Environment]::ProcessorCount, $load, $Runs, $transactionId
''
'| Question | Form | Time s | Objects | Import-Csv pipeline / this |'
'|---|---|--:|--:|--:|'
foreach ($question in ($results | Select-Object -ExpandProperty Question -Unique)) {
    $reference = $results | Where-Object { $_.Question -eq $question -and $_.Form -eq 'Import-Csv | Where-Object' }
    foreach ($row in ($results | Where-Object Question -eq $question)) {
        $ratio = if ($reference -and $row -ne $reference) { '{0:N1}x' -f ($reference.Seconds / $row.Seconds) } else { '' }
        '| {0} | `{1}` | {2:N2} | {3} | {4} |' -f $row.Question, $row.Form.Replace('|', '\|'), $row.Seconds, $(if ($row.Form -like '*Out-Null' -or $row.Form -like '$null*' -or $row.Form -like 'Test-*') { '' } elseif ($null -eq $row.Objects) { 'n/a' } else { '{0:N0}' -f $row.Objects }), $ratio
    }
}
