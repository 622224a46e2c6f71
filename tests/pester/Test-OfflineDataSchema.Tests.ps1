#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.1.0' }

# Test-OfflineDataSchema as a user sees it: the mismatch table, the results in a pipeline and as JSON, the errors a
# script checks, the message when there is nothing to check.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $examples = Join-Path $repoRoot 'examples'
    $schema = Join-Path $examples 'xdm-schema.json'
    $orders = Join-Path $examples 'loyalty-orders.csv'
}

AfterAll {
    Remove-Module OfflineData -Force -ErrorAction SilentlyContinue
}

Describe 'Test-OfflineDataSchema' {
    It 'shows the mismatch table with a check column, within 120 columns' {
        $text = Test-OfflineDataSchema -SchemaPath $schema -Path $orders -ErrorAction SilentlyContinue | Out-String -Width 120
        $lines = $text -split '\r?\n' | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Attribute\s+SeenIn\s+Field\s+OK\s+Status\s+Suggestion$'
        $lines | Should -Contain ($lines | Where-Object { $_ -match '^loyaltyPts\s+loyalty-orders\.csv col 27\s+_acme\.loyaltyPts\s+(✗|no)\s+Missing\s+_acme\.loyaltyPoints$' })
        ($lines | Where-Object { $_ -match '^loyaltyLevel\s' }) | Should -Match '\s(✓|yes)\s+Exact\s*$'
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120
    }

    It 'keeps attribute, where, field, check and a whole status within 80 columns' {
        $text = Test-OfflineDataSchema -SchemaPath $schema -Path $orders -ErrorAction SilentlyContinue | Out-String -Width 80
        $lines = $text -split '\r?\n' | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Attribute\s+SeenIn\s+Field\s+OK\s+Status'
        ($lines | Where-Object { $_ -match '^newsletterOptIn\s' }) | Should -Match '\sTypeMismatch\s*$'
        $lines | Should -HaveCount 7 -Because 'one line per attribute: nothing wraps'
    }

    It 'shows yes and no instead of check marks where the console encoding cannot show them' {
        $saved = [Console]::OutputEncoding
        try {
            [Console]::OutputEncoding = [Text.Encoding]::ASCII
            $text = Test-OfflineDataSchema -SchemaPath $schema -Path $orders -ErrorAction SilentlyContinue | Out-String -Width 120
        }
        finally {
            [Console]::OutputEncoding = $saved
        }
        $text | Should -Match 'loyaltyLevel\s.*\syes\s+Exact'
        $text | Should -Not -Match '✓|✗'
    }

    It 'filters with Where-Object Status -ne Exact' {
        $open = Test-OfflineDataSchema -SchemaPath $schema -Path $orders -ErrorAction SilentlyContinue | Where-Object Status -ne Exact
        $open.Attribute | Should -Be @('newsletterOptIn', 'StoreID', 'loyaltyPts')
        $open[1].Suggestion | Should -Be '_acme.storeId'
    }

    It 'converts to JSON with the status by name' {
        $json = Test-OfflineDataSchema -SchemaPath $schema -Path $orders -ErrorAction SilentlyContinue | ConvertTo-Json | ConvertFrom-Json
        $json.Count | Should -Be 5
        $json[4].Status | Should -Be 'Missing'
        $json[4].Field | Should -Be '_acme.loyaltyPts'
        $json[4].TenantId | Should -Be 'acme'
        $json[4].Match | Should -BeFalse
    }

    It 'is exit-code friendly: $? and -ErrorVariable say what to fix' {
        $null = Test-OfflineDataSchema -SchemaPath $schema -Path $orders -ErrorVariable problems -ErrorAction SilentlyContinue
        $ok = $?
        $ok | Should -BeFalse
        $problems.FullyQualifiedErrorId | Should -Be @('SchemaTypeMismatch,OfflineData.Commands.TestOfflineDataSchemaCommand', 'SchemaFieldMissing,OfflineData.Commands.TestOfflineDataSchemaCommand')
        $problems[1].TargetObject.Suggestion | Should -Be '_acme.loyaltyPoints'

        $null = Test-OfflineDataSchema -SchemaPath $schema -ColumnMap @{ TransactionAttributes = 'loyaltyLevel', 'giftWrap' } -ErrorVariable none
        $ok = $?
        $ok | Should -BeTrue
        $none | Should -BeNullOrEmpty
    }

    It 'says No custom attributes found. on the information stream, with nothing in the output' {
        $output = Test-OfflineDataSchema -SchemaPath $schema -Path (Join-Path $examples 'valid-sample.csv') -InformationVariable info
        $output | Should -BeNullOrEmpty
        "$info" | Should -Be 'No custom attributes found.'
    }

    It 'takes files from Get-ChildItem' {
        $results = Get-ChildItem -LiteralPath $examples -Filter 'loyalty-orders.csv' | Test-OfflineDataSchema -SchemaPath $schema -ErrorAction SilentlyContinue
        $results.Count | Should -Be 5
        $results[0].Source | Should -Be $orders
    }

    It 'checks an attribute map file on its own' {
        $results = Test-OfflineDataSchema -SchemaPath $schema -AttributeMapPath (Join-Path $examples 'attribute-map.csv') -ErrorAction SilentlyContinue
        $results.Status | Should -Be @('Exact', 'Exact', 'Exact', 'TypeMismatch')
        $results[2].Field | Should -Be '_acme.membership.tier'
    }

    It 'refuses a CSV given as -SchemaPath with SchemaInvalidFieldList and the line, instead of reading it as field names' {
        $file = Join-Path $TestDrive 'schema.csv'
        Set-Content -LiteralPath $file -Value 'field,type', '_acme.loyaltyLevel,string'
        $err = { Test-OfflineDataSchema -SchemaPath $file -ColumnMap @{ TransactionAttr1 = 'loyaltyLevel' } -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'SchemaInvalidFieldList,*'
        $err.Exception.Message | Should -BeLike '*schema.csv, line 1:*not a dotted field name*not a CSV*'
    }

    It 'stops on a dangling $ref and names it' {
        $file = Join-Path $TestDrive 'dangling.json'
        Set-Content -LiteralPath $file -Value '{ "allOf": [ { "$ref": "#/definitions/missingGroup" } ] }'
        { Test-OfflineDataSchema -SchemaPath $file -ColumnMap @{ TransactionAttr1 = 'x' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'SchemaRefNotFound,OfflineData.Commands.TestOfflineDataSchemaCommand' -ExpectedMessage '*dangling.json, line 1, position 16: "$ref": "#/definitions/missingGroup" names nothing*'
    }

    It 'checks the columns Convert -UnmappedToTransactionAttributes would append to a CRM export' {
        $map = @{ Timestamp = 'Created'; CustomerId = 'Id'; EventName = 'Topic' }
        $result = Test-OfflineDataSchema -SchemaPath $schema -SourcePath (Join-Path $examples 'crm-export.csv') -ColumnMap $map -UnmappedToTransactionAttributes -ErrorVariable problems -ErrorAction SilentlyContinue
        $result.Attribute | Should -Be 'Ticket'
        $result.SeenIn | Should -Be 'crm-export.csv col 4 (TransactionAttr1)'
        $result.Status | Should -Be 'Missing'
        $problems.Count | Should -Be 1
    }

    It 'refuses -UnmappedToTransactionAttributes without -SourcePath' {
        { Test-OfflineDataSchema -SchemaPath $schema -ColumnMap @{ TransactionAttr1 = 'x' } -UnmappedToTransactionAttributes -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidArgument,OfflineData.Commands.TestOfflineDataSchemaCommand'
    }
}
