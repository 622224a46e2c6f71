@{
    RootModule           = 'OfflineData.dll'
    # Imported before RootModule: sets up the dependency isolation (dependencies/ in PowerShell 7's own load context,
    # an AssemblyResolve handler on Windows PowerShell 5.1) before PowerShell loads OfflineData.dll's types.
    NestedModules        = @('OfflineData.Loader.dll')
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0b7d3e-3c4a-4e55-9a51-0d3c1f7e2b8a'
    Author               = 'OfflineData developers'
    CompanyName          = 'OfflineData'
    Copyright            = '(c) OfflineData developers. All rights reserved.'
    Description          = 'Validates, converts and imports offline event data (store purchases, call-centre calls, in-store visits) and ties it to online visitors by customer ID or recorded transaction ID.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    # .NET Framework 4.7.2 is the lowest runtime on which netstandard2.0 assemblies load cleanly in 5.1.
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @(
        'Validation.Format.ps1xml'
        'Conversion.Format.ps1xml'
        'Store.Format.ps1xml'
        'Delivery.Format.ps1xml'
        'Export.Format.ps1xml'
        'Consent.Format.ps1xml'
    )
    CmdletsToExport      = @(
        'Test-OfflineDataFile'
        'Convert-OfflineDataFile'
        'Read-OfflineDataFile'
        'Write-OfflineDataFile'
        'Set-TransactionIdRecording'
        'Get-TransactionIdRecording'
        'Import-OnlineData'
        'Import-OfflineData'
        'Get-OfflineDataImport'
        'Get-OfflineData'
        'Copy-OfflineDataStore'
        'Get-OfflineDataHostKey'
        'Get-OfflineDataDelivery'
        'Export-AdobeDataSource'
        'Send-OfflineDataFile'
        'Export-OfflineData'
        'Measure-OfflineData'
        'ConvertTo-OfflineDataReport'
        'Import-OfflineDataConsent'
        'Get-OfflineDataConsent'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('OfflineData', 'CSV', 'Import', 'Validation', 'Analytics', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/offlinedata/OfflineData'
            LicenseUri   = 'https://github.com/offlinedata/OfflineData/blob/main/docs/LICENSE.txt'
            ReleaseNotes = 'https://github.com/offlinedata/OfflineData/blob/main/docs/CHANGELOG.md'
        }
    }
}
