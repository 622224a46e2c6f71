namespace OfflineData.Commands
{
    /// <summary>
    /// The ErrorIds of the errors the cmdlets write themselves, in one place: every WriteError and
    /// ThrowTerminatingError uses one of these (finding codes and conversion failures keep their own names as
    /// ErrorId). docs/errors.md explains each; a test checks that every one is documented there.
    /// </summary>
    public static class ErrorIds
    {
        /// <summary>A -Path or -LiteralPath names nothing that exists, or a wildcard matches no file.</summary>
        public const string PathNotFound = "PathNotFound";

        /// <summary>A path of another provider (Env:, HKLM:) where a file-system path is needed.</summary>
        public const string NotFileSystemPath = "NotFileSystemPath";

        /// <summary>-Store or OFFLINEDATA_STORE is a server URI or connection string, which this release cannot open.</summary>
        public const string UnsupportedStore = "UnsupportedStore";

        /// <summary>A path no file system accepts (e.g. with a NUL character).</summary>
        public const string InvalidPath = "InvalidPath";

        /// <summary>A path given literally names a directory.</summary>
        public const string PathIsDirectory = "PathIsDirectory";

        /// <summary>A destination with wildcards that match more than one path.</summary>
        public const string PathNotUnique = "PathNotUnique";

        /// <summary>An input file exists but cannot be read.</summary>
        public const string FileReadFailed = "FileReadFailed";

        /// <summary>Reading the source or writing the destination failed with an I/O error midway.</summary>
        public const string FileIOFailed = "FileIOFailed";

        /// <summary>Write-OfflineDataFile could write no input object, so no file was created.</summary>
        public const string NoRowsWritten = "NoRowsWritten";

        /// <summary>A piped object names a file (a path, Get-ChildItem output) where a row is written.</summary>
        public const string InputIsFile = "InputIsFile";

        /// <summary>A cross-parameter or value check of the arguments failed (e.g. -TargetTimeZone without -SourceTimeZone).</summary>
        public const string InvalidArgument = "InvalidArgument";

        /// <summary>-HashColumn, -HashProfile, -DefaultRegion or -HashEncoding cannot be used as given (issue 12).</summary>
        public const string InvalidHashing = "InvalidHashing";

        /// <summary>-MaxRecordLength is smaller than -MaxFieldLength.</summary>
        public const string InvalidLimits = "InvalidLimits";

        /// <summary>-From is later than -To.</summary>
        public const string InvalidTimeRange = "InvalidTimeRange";

        /// <summary>A file could not be imported; nothing of it was written.</summary>
        public const string ImportFailed = "ImportFailed";

        /// <summary>-RejectPath is not a usable file-system folder path.</summary>
        public const string InvalidRejectPath = "InvalidRejectPath";

        /// <summary>The store cannot be opened, read or written.</summary>
        public const string StoreUnavailable = "StoreUnavailable";

        /// <summary>-Store on the command line and a piped object's Store name different stores.</summary>
        public const string StoreMismatch = "StoreMismatch";

        /// <summary>A piped object has none of the properties the cmdlet binds by name.</summary>
        public const string InputObjectNotBound = "InputObjectNotBound";

        /// <summary>-Id (or a piped object's import ID) names no ledger entry.</summary>
        public const string ImportNotFound = "ImportNotFound";

        /// <summary>A report suite named without wildcards has never been configured.</summary>
        public const string ReportSuiteNotFound = "ReportSuiteNotFound";

        /// <summary>Get-OfflineDataDelivery -Id (or a piped object naming a delivery) found no ledger entry with that ID.</summary>
        public const string DeliveryNotFound = "DeliveryNotFound";

        /// <summary>Copy-OfflineDataStore: the -Source store does not exist.</summary>
        public const string SourceStoreNotFound = "SourceStoreNotFound";

        /// <summary>Copy-OfflineDataStore: the destination holds content that is not a partial copy of the source, and -Force was not given.</summary>
        public const string DestinationNotEmpty = "DestinationNotEmpty";

        /// <summary>Copy-OfflineDataStore: the destination has an import of its own under an ID the source uses for another import.</summary>
        public const string ImportIdConflict = "ImportIdConflict";

        /// <summary>Copy-OfflineDataStore: the destination has a delivery of its own under an ID the source uses for another delivery.</summary>
        public const string DeliveryIdConflict = "DeliveryIdConflict";

        /// <summary>Copy-OfflineDataStore: -Source and -Destination name the same store.</summary>
        public const string SameStore = "SameStore";

        /// <summary>Copy-OfflineDataStore: after copying, a table's count or an import's rows differ between source and destination.</summary>
        public const string CopyNotVerified = "CopyNotVerified";

        /// <summary>A delivery destination is not a usable sftp:// URI (or carries a password).</summary>
        public const string InvalidDestination = "InvalidDestination";

        /// <summary>The SFTP server cannot be reached, refused the connection, or did not answer within the timeout.</summary>
        public const string DeliveryUnavailable = "DeliveryUnavailable";

        /// <summary>Client and SFTP server share no key exchange, host key, cipher or MAC algorithm.</summary>
        public const string SshNegotiationFailed = "SshNegotiationFailed";

        /// <summary>An ftps:// server does not offer explicit TLS (AUTH TLS), refuses PBSZ/PROT P, or no TLS handshake could be agreed.</summary>
        public const string TlsNegotiationFailed = "TlsNegotiationFailed";

        /// <summary>Export-AdobeDataSource: rows were not written (the summary error at the end of a run; counts in its exception).</summary>
        public const string AdobeRowsRejected = "AdobeRowsRejected";

        /// <summary>Export-AdobeDataSource: a -Map key is no Adobe column, or its value names no offline column.</summary>
        public const string InvalidAdobeMapping = "InvalidAdobeMapping";

        /// <summary>Send-OfflineDataFile: the server rejected the login (user, password, key or passphrase).</summary>
        public const string DeliveryAuthenticationFailed = "DeliveryAuthenticationFailed";

        /// <summary>Send-OfflineDataFile: the server's host key is not the pinned or known one; no credential was sent.</summary>
        public const string HostKeyMismatch = "HostKeyMismatch";

        /// <summary>Send-OfflineDataFile: the remote file (or its marker) already exists and -Force was not given.</summary>
        public const string RemoteFileExists = "RemoteFileExists";

        /// <summary>Send-OfflineDataFile: writing to the remote folder failed (permission, disk full, size mismatch).</summary>
        public const string DeliveryWriteFailed = "DeliveryWriteFailed";

        /// <summary>Send-OfflineDataFile: the destination folder does not exist (or is a file); not retried.</summary>
        public const string DeliveryFolderNotFound = "DeliveryFolderNotFound";

        /// <summary>Send-OfflineDataFile -Marker Fin: the remote folder held too much unprocessed data for longer than -MaxWaitSec.</summary>
        public const string DeliveryFolderBusy = "DeliveryFolderBusy";

        /// <summary>Send-OfflineDataFile: another live run was sending the same content to the same destination for longer than -MaxWaitSec; the file was not sent (so not sent twice).</summary>
        public const string DeliveryInProgress = "DeliveryInProgress";

        /// <summary>Send-OfflineDataFile: an SFTP destination without -HostKeyFingerprint, -KnownHostsPath or -AcceptAnyHostKey, or more than one of them, or one of them for another destination.</summary>
        public const string HostKeyPolicyRequired = "HostKeyPolicyRequired";

        /// <summary>Send-OfflineDataFile: -NamePattern has an unknown token or gives no plain file name.</summary>
        public const string InvalidNamePattern = "InvalidNamePattern";

        /// <summary>Send-OfflineDataFile: -KeyFilePath names no file; nothing was read or sent.</summary>
        public const string KeyFileNotFound = "KeyFileNotFound";

        /// <summary>Send-OfflineDataFile: -CertificateFingerprint or -AcceptAnyCertificate for a destination that is not ftps://, both of them, or a fingerprint that is not SHA-256.</summary>
        public const string InvalidCertificateTrust = "InvalidCertificateTrust";

        /// <summary>Send-OfflineDataFile: -Credential for a local or UNC folder, which is written with the caller's own identity.</summary>
        public const string CredentialNotApplicable = "CredentialNotApplicable";

        /// <summary>Send-OfflineDataFile: two files of one call would get the same remote name.</summary>
        public const string RemoteNameNotUnique = "RemoteNameNotUnique";

        /// <summary>Send-OfflineDataFile: the store records opt-outs and the file's rows cannot be checked against them (unknown format); the file was not sent.</summary>
        public const string ConsentUnverifiable = "ConsentUnverifiable";

        /// <summary>Export-OfflineData, Export-AdobeDataSource, Send-OfflineDataFile: a -ConsentScope that is neither one of Adobe's consent fields nor recorded in the store.</summary>
        public const string UnknownConsentScope = "UnknownConsentScope";

        /// <summary>Export-OfflineData: -To is more than five calendar years after -From (From.AddYears(5)).</summary>
        public const string ExportRangeTooLong = Core.Exporting.ExportRange.TooLongId;

        /// <summary>Export-OfflineData: -To is not after -From.</summary>
        public const string ExportRangeEmpty = Core.Exporting.ExportRange.EmptyId;

        /// <summary>Export-OfflineData: -OutputFolder does not exist.</summary>
        public const string ExportFolderNotFound = "ExportFolderNotFound";

        /// <summary>Export-OfflineData: a batch's file could not be written or moved into place.</summary>
        public const string ExportWriteFailed = "ExportWriteFailed";

        /// <summary>Measure-OfflineData: a -GroupBy name that is no summary dimension, named twice, or a second Var/State dimension.</summary>
        public const string InvalidSummaryDimension = "InvalidSummaryDimension";

        /// <summary>Measure-OfflineData: a file summary asked to group by Outcome, Reason, ReportSuite, Import or State.* (they exist only in the store).</summary>
        public const string SummaryDimensionNeedsStore = "SummaryDimensionNeedsStore";

        /// <summary>Import-OfflineDataConsent: a piped object without a customer ID, or with a Value or Time that cannot be used.</summary>
        public const string InvalidConsentEntry = "InvalidConsentEntry";

        /// <summary>Test-OfflineDataSchema: a custom attribute's target field is not in the schema.</summary>
        public const string SchemaFieldMissing = "SchemaFieldMissing";

        /// <summary>Test-OfflineDataSchema: the field exists, but the map's type or a sampled value contradicts its type (or it is an object).</summary>
        public const string SchemaTypeMismatch = "SchemaTypeMismatch";

        /// <summary>Test-OfflineDataSchema -Strict: the attribute differs from the schema's field in upper/lower case only.</summary>
        public const string SchemaFieldCaseOnly = "SchemaFieldCaseOnly";

        /// <summary>Test-OfflineDataSchema: -SchemaPath is not valid JSON (line and position in the message).</summary>
        public const string SchemaInvalidJson = nameof(Core.Schema.SchemaFailure.SchemaInvalidJson);

        /// <summary>Test-OfflineDataSchema: a $ref of the schema names no definition of the document.</summary>
        public const string SchemaRefNotFound = nameof(Core.Schema.SchemaFailure.SchemaRefNotFound);

        /// <summary>Test-OfflineDataSchema: the schema has more than one tenant namespace candidate.</summary>
        public const string SchemaTenantAmbiguous = nameof(Core.Schema.SchemaFailure.SchemaTenantAmbiguous);

        /// <summary>Test-OfflineDataSchema: a line of a plain field list is not a dotted name with an optional known type.</summary>
        public const string SchemaInvalidFieldList = nameof(Core.Schema.SchemaFailure.SchemaInvalidFieldList);

        /// <summary>Test-OfflineDataSchema: -AttributeMapPath is not an Attribute,Field[,Type] CSV.</summary>
        public const string AttributeMapInvalid = nameof(Core.Schema.SchemaFailure.AttributeMapInvalid);
    }
}
