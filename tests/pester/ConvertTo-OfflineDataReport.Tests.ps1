#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# ConvertTo-OfflineDataReport rendered in a real browser (issue 11, "a report people would rather look at than read"):
# headless Chromium loads the page from disk and dumps its DOM; the numbers in the rendered DOM must equal the summary
# objects (a generated file and its import into a store), a file that differs from the store shows the mismatch marker,
# the page cannot make a request, and a <script> in customer data is shown as text. Without Chromium the browser cases
# are skipped with the reason on a developer machine and FAIL in CI (CI=true; .ci/chromium.sh installs it).

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1') -SkipImport
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $sampleLines = @(Get-Content -LiteralPath (Join-Path $repoRoot 'examples/valid-sample.csv') -Encoding utf8)

    # The Chromium to render with: $env:OFFLINEDATA_TEST_CHROMIUM, else chromium or chromium-browser on PATH.
    $chromium = $env:OFFLINEDATA_TEST_CHROMIUM
    if (-not $chromium) {
        $chromium = (Get-Command -Name chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
    }
    $chromiumSkip = $null
    if (-not $chromium -or -not (Test-Path -LiteralPath $chromium)) {
        $message = 'No Chromium to render the report: set OFFLINEDATA_TEST_CHROMIUM or install chromium (Debian: apt-get install chromium; .ci/chromium.sh does it in CI).'
        if ($env:CI -eq 'true' -or $env:CI -eq '1') { throw "$message CI needs it." }
        $chromiumSkip = "$message Skipped on a developer machine; CI fails without it."
    }

    # Renders $Path headless and returns the DOM after load (--no-sandbox: CI runs as root; own profile per call).
    function Get-RenderedDom([string] $Path) {
        $profileDir = Join-Path $TestDrive ('chromium-' + [guid]::NewGuid().ToString('N'))
        $uri = [Uri]::new((Resolve-Path -LiteralPath $Path).ProviderPath, [UriKind]::Absolute).AbsoluteUri
        $dom = & $chromium --headless --no-sandbox --disable-gpu --no-first-run "--user-data-dir=$profileDir" --dump-dom $uri 2>$null
        if ($LASTEXITCODE -ne 0) { throw "chromium --dump-dom exited with $LASTEXITCODE on $uri" }
        $text = $dom -join "`n"
        if ($text -notmatch '</html>') { throw "chromium returned no page for $uri" }
        $text
    }

    # The data-value of the cell of $Measure in the rendered row whose opening tag matches $RowPattern.
    function Get-CellValue([string] $Dom, [string] $RowPattern, [string] $Measure) {
        $row = [regex]::Match($Dom, "<tr[^>]*$RowPattern[^>]*>(.*?)</tr>", 'Singleline')
        if (-not $row.Success) { throw "No rendered row matching $RowPattern" }
        $cell = [regex]::Match($row.Groups[1].Value, "data-measure=""$Measure"" data-value=""([^""]*)""")
        if (-not $cell.Success) { throw "No $Measure cell in the row matching $RowPattern" }
        $cell.Groups[1].Value
    }

    # The generated file: the sample's rows, Num2 changed per row so no sum is the sample's own.
    $header = $sampleLines[0]
    $data = for ($i = 1; $i -lt $sampleLines.Count; $i++) {
        $fields = $sampleLines[$i] -split ';'
        if ($fields.Count -lt 7) { continue }
        $fields[6] = '{0}.{1:00}' -f (100 * $i + 7), (13 * $i % 100)
        $fields -join ';'
    }
    # Rejected rows (not in $data): two with a bad time stamp, one also with a bad number (it counts under both
    # codes), one with a bad event type. The import rejects them too, so the store's import knows the same codes.
    $first = $data[0] -split ';'
    $bad = @(
        (@('2025-13-45 09:00:00') + $first[1..($first.Count - 1)]) -join ';'
        (@('not a time', $first[1], $first[2], $first[3], $first[4], $first[5], 'x1') + $first[7..($first.Count - 1)]) -join ';'
        (@($first[0], $first[1], 'seven') + $first[3..($first.Count - 1)]) -join ';'
    )
    $generated = New-TestFile 'generated.csv' (@($header) + @($data) + $bad)
    # The same rows but the last: the file a mismatched reconciliation compares with the store.
    $short = New-TestFile 'short.csv' (@($header) + @($data | Select-Object -SkipLast 1))

    # Online data whose campaign carries a script (customer data is not trusted).
    $evil = "<script>document.title='owned'</script>spring"
    $online = Join-Path $TestDrive 'online.csv'
    (Get-Content -LiteralPath (Join-Path $repoRoot 'examples/import/online-transactions.csv') -Encoding utf8) -replace 'spring-sale', $evil |
        Set-Content -LiteralPath $online -Encoding utf8

    $store = New-TestStore 'SQLite'
    Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $store
    $null = Import-OnlineData -Path $online -ReportSuite acme.prod -Store $store -WarningAction SilentlyContinue
    $import = Import-OfflineData -Path $generated -ReportSuite acme.prod -Store $store -WarningAction SilentlyContinue
    # One customer opts out: the store's summaries count their rows as suppressed (a file's never knows: null).
    $null = 'CUST-10001' | Import-OfflineDataConsent -Store $store

    $fileTotal = Measure-OfflineData -LiteralPath $generated | Where-Object IsTotal
    $byDay = @($import | Measure-OfflineData -GroupBy Day, Outcome)
    $byCampaign = @(Measure-OfflineData -Store $store -GroupBy State.Campaign)
    $report = Join-Path $TestDrive 'report.html'
    @($fileTotal) + $byDay + $byCampaign | ConvertTo-OfflineDataReport -Title 'Nightly reconciliation' | Set-Content -LiteralPath $report -Encoding utf8
    $mismatchReport = Join-Path $TestDrive 'mismatch.html'
    @(Measure-OfflineData -LiteralPath $short | Where-Object IsTotal) + $byDay | ConvertTo-OfflineDataReport | Set-Content -LiteralPath $mismatchReport -Encoding utf8
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'ConvertTo-OfflineDataReport as a page' {
    It 'returns one string that is a whole HTML page' {
        $html = @(@($fileTotal) | ConvertTo-OfflineDataReport)
        $html.Count | Should -Be 1
        $html[0] | Should -BeOfType [string]
        $html[0] | Should -Match '^<!DOCTYPE html>'
    }

    It 'cannot make a request: a CSP that allows nothing but inline styles and data: images, no URL, no script, no link' {
        $html = Get-Content -LiteralPath $report -Raw
        $html | Should -Match ([regex]::Escape('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">'))
        $html | Should -Not -Match 'https?:'
        $html | Should -Not -Match '(?i)<script|<link|<img|<iframe|\ssrc=|\shref=|url\('
    }
}

Describe 'ConvertTo-OfflineDataReport rendered by Chromium' {
    BeforeAll {
        if (-not $chromiumSkip) {
            $dom = Get-RenderedDom $report
            $mismatchDom = Get-RenderedDom $mismatchReport
        }
    }

    It 'shows the file and store totals of the summary objects, and MATCH when they agree' {
        if ($chromiumSkip) { Set-ItResult -Skipped -Because $chromiumSkip; return }
        $storeTotal = $byDay[-1]
        # Independent of the summaries: the generated rows and their Num2 sum, computed here.
        $expectedNum2 = ($data | ForEach-Object { [decimal](($_ -split ';')[6]) } | Measure-Object -Sum).Sum
        $fileTotal.Num2 | Should -Be $expectedNum2
        foreach ($pair in @(@('File', $fileTotal), @('Store', $storeTotal))) {
            $source, $row = $pair
            Get-CellValue $dom "data-source=""$source""" 'Rows' | Should -Be $row.Rows
            Get-CellValue $dom "data-source=""$source""" 'Num1' | Should -Be $row.Num1.ToString('F2', [cultureinfo]::InvariantCulture)
            Get-CellValue $dom "data-source=""$source""" 'Num2' | Should -Be $row.Num2.ToString('F2', [cultureinfo]::InvariantCulture)
            Get-CellValue $dom "data-source=""$source""" 'DistinctCustomers' | Should -Be $row.DistinctCustomers
        }
        # Suppressed (opted out): the store's count as its summary says, a dash for the file (not matched against consent).
        $storeTotal.SuppressedRows | Should -Be (@($data | Where-Object { ($_ -split ';')[1] -eq 'CUST-10001' }).Count)
        $storeTotal.SuppressedRows | Should -BeGreaterThan 0
        $fileTotal.SuppressedRows | Should -BeNullOrEmpty
        $dom | Should -Match '<th>Suppressed \(opted out\)</th>'
        Get-CellValue $dom 'data-source="Store"' 'SuppressedRows' | Should -Be $storeTotal.SuppressedRows
        Get-CellValue $dom 'data-source="File"' 'SuppressedRows' | Should -Be ''
        $dom | Should -Match ('id="suppressed-note"[^>]*>' + $storeTotal.SuppressedRows + ' stored row')
        $dom | Should -Match 'id="reconciliation"[^>]*data-status="match"'
        $dom | Should -Match ('>' + [regex]::Escape($expectedNum2.ToString('N2', [cultureinfo]::InvariantCulture)) + '<')
    }

    It 'shows rows and revenue per day and outcome as the summary objects say' {
        if ($chromiumSkip) { Set-ItResult -Skipped -Because $chromiumSkip; return }
        $groups = @($byDay | Where-Object { -not $_.IsTotal })
        $groups.Count | Should -BeGreaterThan 1
        foreach ($group in $groups) {
            $pattern = 'data-day="{0:yyyy-MM-dd}" data-outcome="{1}"' -f $group.Day, $group.Outcome
            Get-CellValue $dom $pattern 'Rows' | Should -Be $group.Rows
            Get-CellValue $dom $pattern 'Num2' | Should -Be $group.Num2.ToString('F2', [cultureinfo]::InvariantCulture)
        }
        $dom | Should -Match '<svg id="days-chart"'
    }

    It 'shows the credited campaign with a script in its name as text, and its attribution numbers' {
        if ($chromiumSkip) { Set-ItResult -Skipped -Because $chromiumSkip; return }
        $campaign = $byCampaign | Where-Object StateValue -eq $evil
        $campaign.TransactionRows | Should -BeGreaterThan 0
        # Chromium serialises text with &lt; &gt;: the script never became an element, the title stays the report's.
        $dom | Should -Not -Match '(?i)<script'
        $dom | Should -Match ([regex]::Escape("&lt;script&gt;document.title='owned'&lt;/script&gt;spring"))
        $dom | Should -Match '<title>Nightly reconciliation</title>'
        $row = [regex]::Match($dom, '<tr data-value="&lt;script&gt;[^"]*"[^>]*>(.*?)</tr>', 'Singleline')
        $row.Success | Should -BeTrue
        $row.Groups[1].Value | Should -Match ('data-measure="TransactionRows" data-value="{0}"' -f $campaign.TransactionRows)
        $row.Groups[1].Value | Should -Match ('data-measure="TransactionRevenue" data-value="{0}"' -f $campaign.TransactionRevenue.ToString('F2', [cultureinfo]::InvariantCulture))
    }

    It 'marks a file that differs from the store as MISMATCH, naming the measures and marking their cells' {
        if ($chromiumSkip) { Set-ItResult -Skipped -Because $chromiumSkip; return }
        $mismatchDom | Should -Match 'id="reconciliation"[^>]*data-status="mismatch"[^>]*>[^<]*MISMATCH[^<]*Rows, Num1, Num2'
        $mismatchDom | Should -Match '<td class="n diff" data-measure="Num2"'
        Get-CellValue $mismatchDom 'data-source="Store"' 'Rows' | Should -Be $byDay[-1].Rows
        Get-CellValue $mismatchDom 'data-source="File"' 'Rows' | Should -Be ($byDay[-1].Rows - 1)
    }

    It 'shows the rejected rows by error code of the file and of the store import, as the summary objects say' {
        if ($chromiumSkip) { Set-ItResult -Skipped -Because $chromiumSkip; return }
        $storeTotal = $byDay[-1]
        # Independent of the summaries: the bad rows written above.
        $fileTotal.Rejected | Should -Be 3
        $storeTotal.Rejected | Should -Be 3
        $expected = @{ InvalidTimestamp = 2; InvalidNumber = 1; InvalidEventType = 1 }
        foreach ($row in @($fileTotal, $storeTotal)) {
            @($row.RejectedByCode.Keys) | Sort-Object | Should -Be (@($expected.Keys) | Sort-Object)
            foreach ($code in $expected.Keys) { $row.RejectedByCode[$code] | Should -Be $expected[$code] }
        }
        foreach ($code in $expected.Keys) {
            Get-CellValue $dom "data-code=""$code""" 'Rejected-File' | Should -Be $fileTotal.RejectedByCode[$code]
            Get-CellValue $dom "data-code=""$code""" 'Rejected-Store' | Should -Be $storeTotal.RejectedByCode[$code]
        }
        Get-CellValue $dom 'data-source="File"' 'Rejected' | Should -Be 3
        # Equal counts (3 and 3) are no mismatch: no diff class, no cross mark in the rejected rows table.
        $table = [regex]::Match($dom, '<table id="rejected-table">(.*?)</table>', 'Singleline').Groups[1].Value
        $table | Should -Match '<td class="n" data-measure="Rejected" data-value="3">3</td>'
        $table | Should -Not -Match 'diff|&#10008;|\u2718'
        $table | Should -Not -Match ([string][char]0x2718)
        $dom | Should -Match '<svg id="rejected-chart"'
        $dom | Should -Match '<title>File InvalidTimestamp: 2 rows</title>'
    }

    It 'renders a screenshot (the page lays out in the browser)' {
        if ($chromiumSkip) { Set-ItResult -Skipped -Because $chromiumSkip; return }
        $png = Join-Path $TestDrive 'report.png'
        $profileDir = Join-Path $TestDrive 'chromium-shot'
        $uri = [Uri]::new($report, [UriKind]::Absolute).AbsoluteUri
        $null = & $chromium --headless --no-sandbox --disable-gpu --no-first-run "--user-data-dir=$profileDir" --window-size=900,1200 "--screenshot=$png" $uri 2>$null
        $LASTEXITCODE | Should -Be 0
        (Get-Item -LiteralPath $png).Length | Should -BeGreaterThan 10000
    }
}
