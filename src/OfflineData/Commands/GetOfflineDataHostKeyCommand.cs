using System;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Core.Delivery;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads an SFTP server's host key or an FTPS server's certificate without logging in: the fingerprint to pin before sending.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OfflineDataHostKey")]
    [OutputType(typeof(SshHostKey), typeof(FtpsCertificate))]
    public sealed class GetOfflineDataHostKeyCommand : OfflineDataCmdlet
    {
        /// <summary>The servers, as <c>sftp://host[:port]</c> or <c>ftps://host[:port]</c> (a folder and a user in the URI are allowed and ignored).</summary>
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

                if (destination!.Scheme != "sftp" && destination.Scheme != "ftps")
                {
                    // Destinations also parse ftp:// and folders, which have neither a host key nor a certificate.
                    var what = destination.IsFolder ? "A folder has no server to trust" : "Plain FTP has no certificate (use ftps:// for an encrypted connection)";
                    WriteError(new ErrorRecord(new ArgumentException($"'{destination.DisplayName}' has no host key or certificate: only sftp://host[:port] (an SSH host key) and ftps://host[:port] (a TLS certificate) do. {what}."), ErrorIds.InvalidDestination, ErrorCategory.InvalidArgument, DeliveryDestination.Redact(uri)));
                    continue;
                }

                var timeout = TimeSpan.FromSeconds(TimeoutSec);
                try
                {
                    if (destination.Scheme == "ftps")
                    {
                        WriteVerbose($"Reading the TLS certificate of {destination.Host} port {destination.Port} after AUTH TLS (no login).");
                        WriteObject(FtpsCertificateReader.Read(destination, timeout));
                    }
                    else
                    {
                        WriteVerbose($"Reading the host key of {destination.Host} port {destination.Port} (no login).");
                        WriteObject(SftpHostKeyReader.Read(destination, timeout));
                    }
                }
                catch (DeliveryException e)
                {
                    WriteError(DeliveryErrors.ToErrorRecord(e, destination.DisplayName, destination));
                }
            }
        }
    }
}
