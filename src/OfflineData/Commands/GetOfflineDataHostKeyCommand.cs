using System;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Core.Delivery;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads an SFTP server's host key without logging in: key type, SHA256 fingerprint and a known_hosts line, to pin before sending.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OfflineDataHostKey")]
    [OutputType(typeof(SshHostKey))]
    public sealed class GetOfflineDataHostKeyCommand : OfflineDataCmdlet
    {
        /// <summary>The servers, as <c>sftp://host[:port]</c> (a folder and a user in the URI are allowed and ignored).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Destination")]
        [ValidateNotNullOrEmpty]
        public string[] Uri { get; set; } = Array.Empty<string>();

        /// <summary>How long to wait for the server, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 15;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (var uri in Uri)
            {
                if (!DeliveryDestination.TryParse(uri, out var destination, out var problem))
                {
                    WriteError(new ErrorRecord(new ArgumentException(problem), ErrorIds.InvalidDestination, ErrorCategory.InvalidArgument, DeliveryDestination.Redact(uri)));
                    continue;
                }

                if (destination!.Scheme != "sftp")
                {
                    // Destinations also parse ftp://, ftps:// and folders, which have no SSH host key.
                    var hint = destination.Scheme == "ftps"
                        ? " An FTPS server's certificate fingerprint (for pinning) is what 'openssl s_client -starttls ftp -connect host:21 | openssl x509 -noout -fingerprint -sha256' prints."
                        : string.Empty;
                    WriteError(new ErrorRecord(new ArgumentException($"'{destination.DisplayName}' is not an SFTP destination: only sftp://host[:port] has an SSH host key.{hint}"), ErrorIds.InvalidDestination, ErrorCategory.InvalidArgument, DeliveryDestination.Redact(uri)));
                    continue;
                }

                WriteVerbose($"Reading the host key of {destination!.Host} port {destination.Port} (no login).");
                try
                {
                    WriteObject(SftpHostKeyReader.Read(destination, TimeSpan.FromSeconds(TimeoutSec)));
                }
                catch (DeliveryException e)
                {
                    WriteError(DeliveryErrors.ToErrorRecord(e, destination.DisplayName));
                }
            }
        }
    }
}
