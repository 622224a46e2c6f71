<#
Prints every failed test of the last run (TRX from dotnet test, xunit v2 XML from the Mono run, Pester's NUnit XML)
with the first lines of its message, so the tail of a CI log names what failed: a CI service often keeps only the
last part of the output, and the runners print their failures far above the summary.
#>
param([string] $Root = (Get-Location).Path)

$ErrorActionPreference = 'Stop'
$maxLines = 6
$maxTests = 40
$failed = [Collections.Generic.List[string]]::new()

function Add-Failure([string] $Source, [string] $Name, [string] $Message) {
    $lines = @(($Message -split "`r?`n") | Where-Object { $_.Trim() } | Select-Object -First $maxLines)
    $failed.Add("[$Source] $Name`n" + (($lines | ForEach-Object { "    $_" }) -join "`n"))
}

foreach ($trx in Get-ChildItem -Path (Join-Path $Root 'tests') -Filter '*.trx' -Recurse -File -ErrorAction SilentlyContinue) {
    [xml] $doc = Get-Content -LiteralPath $trx.FullName -Raw
    foreach ($result in $doc.GetElementsByTagName('UnitTestResult')) {
        if ($result.outcome -in 'Failed', 'Error', 'Timeout', 'Aborted') {
            $message = "$($result.Output.ErrorInfo.Message)`n$($result.Output.ErrorInfo.StackTrace)"
            Add-Failure $trx.Directory.Parent.Name $result.testName $message
        }
    }
}

foreach ($xml in Get-ChildItem -Path (Join-Path $Root 'tests') -Filter '*.xunit.xml' -Recurse -File -ErrorAction SilentlyContinue) {
    [xml] $doc = Get-Content -LiteralPath $xml.FullName -Raw
    foreach ($test in $doc.GetElementsByTagName('test')) {
        if ($test.result -eq 'Fail') {
            Add-Failure 'net472 on Mono' $test.name "$($test.failure.message)`n$($test.failure.'stack-trace')"
        }
    }
}

$pester = Join-Path $Root 'out/TestResults/Pester.xml'
if (Test-Path -LiteralPath $pester) {
    [xml] $doc = Get-Content -LiteralPath $pester -Raw
    foreach ($case in $doc.GetElementsByTagName('test-case')) {
        if ($case.result -in 'Failure', 'Error') {
            Add-Failure 'Pester' $case.name "$($case.failure.message)`n$($case.failure.'stack-trace')"
        }
    }
}

if ($failed.Count -gt 0) {
    Write-Output ''
    Write-Output "Failed tests ($($failed.Count)):"
    $failed | Select-Object -First $maxTests | ForEach-Object { Write-Output $_ }
    if ($failed.Count -gt $maxTests) { Write-Output "... and $($failed.Count - $maxTests) more (see the TRX, xunit and Pester result files)." }
}
