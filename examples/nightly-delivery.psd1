# Settings of examples/Invoke-NightlyDelivery.ps1: what an ops engineer maintains, one file per till system.
# Every key of Convert, RelatedDigital, Adobe.Export and Adobe.Send is a parameter of the cmdlet that step runs
# (Convert-OfflineDataFile, Send-OfflineDataFile, Export-AdobeDataSource, Send-OfflineDataFile: see Get-Help <cmdlet>
# -Parameter <name>), except CredentialPath. The script sets what it controls itself (paths, -Store, -Marker, -Force,
# -PassThru ...) and refuses those keys, and any misspelt one, with exit code 4 before doing anything.
# Relative paths (WorkFolder, CredentialPath, KeyFilePath, KnownHostsPath) are taken from this file's folder.
# Read with Import-PowerShellDataFile: plain data only (strings, numbers, $true/$false, @( ) and @{ }), no code.
@{
    # Each run writes its converted files, reject files and Adobe files to a new folder <WorkFolder>/<yyyyMMdd-HHmmss>.
    WorkFolder = 'nightly-delivery'

    # How the till export becomes offline data (this is the README's example for examples/till-export-sv.csv).
    Convert = @{
        Encoding        = 'windows-1252'
        Culture         = 'sv-SE'
        TimestampFormat = 'yyyy-MM-dd HH:mm'
        SourceTimeZone  = 'Europe/Stockholm'
        ColumnMap       = @{
            Timestamp             = 'Datum'
            CustomerId            = 'Kundnummer'
            EventName             = 'Artikelnummer'
            Category              = 'Kategori'
            Num1                  = 'Antal'
            Num2                  = 'Belopp'
            Var1                  = 'Stad'
            Var2                  = 'Butik'
            TransactionAttributes = @('Kvittonummer')
        }
        Constant        = @{ EventType = 7 }
    }

    # Related Digital's drop (seed 004). Nothing public fixes its protocol, folder or names: a unique name per run
    # (NamePattern; the script's default is '{BaseName}_{Timestamp}{Extension}'), the safe handover and the ledger
    # are the defaults. Trust the host by HostKeyFingerprint (from Get-OfflineDataHostKey, checked with the admin)
    # or KnownHostsPath (AcceptAnyHostKey is refused: nobody watches a nightly run). Log in with CredentialPath (a PSCredential saved with Export-Clixml by the task's account:
    # DPAPI-encrypted on Windows) or KeyFilePath (the user named in the Destination URI; a key's passphrase is the
    # password of CredentialPath's credential).
    RelatedDigital = @{
        Destination        = 'sftp://sftp.relateddigital.example/in'
        HostKeyFingerprint = @('SHA256:REPLACE-WITH-THE-FINGERPRINT-THE-ADMIN-GAVE-YOU')
        CredentialPath     = 'relateddigital-login.clixml'
        NamePattern        = '{BaseName}_{Timestamp}{Extension}'
        # Compress         = $true      # send each file as a zip
        # Consent: rows of customers with a recorded opt-out (collect = n) are left out of what is sent, and counted.
        # SuppressConsentValue = @('n', 'p', 'u')   # hold back pending and unknown consent too
        # ConsentScope         = @('collect', 'share')
    }

    # Optional: Adobe Analytics Data Sources. Leave the whole Adobe key out to send to Related Digital only.
    Adobe = @{
        Export = @{
            Template = 'TransactionId'
            # Map    = @{ eVar1 = 'Var1' }
            # SuppressConsentValue / ConsentScope: the same as in Send below (or neither), so the Adobe files, which
            # name no customer, are sent under the consent policy they were written with.
        }
        Send   = @{
            Destination        = 'sftp://ftp.omniture.example/'
            HostKeyFingerprint = @('SHA256:REPLACE-WITH-ADOBES-FINGERPRINT')
            CredentialPath     = 'adobe-datasources-login.clixml'
        }
    }
}
