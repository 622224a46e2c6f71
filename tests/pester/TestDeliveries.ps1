<#
Add-TestDelivery, for the tests of Get-OfflineDataDelivery and Copy-OfflineDataStore (Pester: TestSetup.ps1 dot-sources
it; the module tests dot-source it into their session). Needs the OfflineData module imported.
#>
# Writes one delivery ledger entry into $Store through the module's own store types (as Send-OfflineDataFile does):
# started at $StartedAt, then ended as $Status (Sent or Failed; Started leaves it started, as a killed run does).
# Returns the stored entry.
function Add-TestDelivery {
    param(
        [Parameter(Mandatory)] [string] $Store,
        [string] $Destination = 'sftp://upload@files.example.com:2222/in',
        [string] $FileName = 'sales.csv',
        [string] $RemoteName = $FileName,
        [string] $MarkerName,
        [string] $Sha256 = ('a' * 64),
        [long] $Size = 1234,
        [DateTimeOffset] $StartedAt = [DateTimeOffset]::UtcNow,
        [ValidateSet('Started', 'Sent', 'Failed')] [string] $Status = 'Sent',
        [string] $Message,
        [int] $Attempts = 1
    )
    # The store types live in the module's own load context: reached through the cmdlet's assembly, not by type name.
    $module = (Get-Command Get-OfflineDataDelivery).ImplementingType.Assembly
    $core = $module.GetReferencedAssemblies() | Where-Object Name -EQ 'OfflineData.Core'
    $types = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($module).LoadFromAssemblyName($core)
    $options = [Activator]::CreateInstance($types.GetType('OfflineData.Core.Store.StoreOpenOptions', $true))
    $options.Create = $true
    $ledger = $types.GetType('OfflineData.Core.Store.StoreFactory', $true)::Open($Store, $options)
    try {
        $entry = [Activator]::CreateInstance($types.GetType('OfflineData.Core.Store.DeliveryLedgerEntry', $true))
        $entry.Destination = $Destination
        $entry.SourcePath = [IO.Path]::Combine([IO.Path]::GetTempPath(), $FileName)
        $entry.FileName = $FileName
        $entry.RemoteName = $RemoteName
        $entry.Sha256 = $Sha256
        $entry.Size = $Size
        $entry.StartedAt = $StartedAt.ToUniversalTime()
        $stored = $ledger.RecordDeliveryStart($entry)
        if ($Status -eq 'Started') { return $stored }
        $stored.EndedAt = $stored.StartedAt.AddSeconds(2)
        $stored.MarkerName = $MarkerName # empty (PowerShell's $null for a string) is stored as none
        $stored.Attempts = $Attempts
        $stored.Message = $Message
        # The typed status is internal (Status is its name, for JSON and CSV): set it as the module sets it.
        $statusType = $types.GetType('OfflineData.Core.Store.DeliveryStatus', $true)
        $stored.GetType().GetProperty('StatusValue', [Reflection.BindingFlags]'Instance,NonPublic').SetValue($stored, [Enum]::Parse($statusType, $Status))
        $ledger.RecordDeliveryEnd($stored)
    }
    finally {
        $ledger.Dispose()
    }
}
