using System.IO;
using System.Management.Automation;

namespace OfflineData.Commands.Paths
{
    /// <summary>
    /// Returns written files as the FileSystem provider's items: a FileInfo with PSPath, PSParentPath, PSChildName,
    /// PSDrive and PSProvider, which the default file view needs for its Mode and Length columns and which
    /// Copy-Item, Remove-Item and friends bind to — as Get-Item would return it.
    /// </summary>
    internal static class FileSystemItems
    {
        /// <summary>Writes the file at <paramref name="path"/> (a full file-system path) to the pipeline as the provider's item.</summary>
        public static void WriteItem(Cmdlet cmdlet, SessionState sessionState, string path)
        {
            try
            {
                // Provider-qualified, so it resolves whatever provider the current location belongs to.
                var items = sessionState.InvokeProvider.Item.Get(new[] { @"Microsoft.PowerShell.Core\FileSystem::" + path }, true, true);
                if (items.Count > 0)
                {
                    foreach (var item in items) cmdlet.WriteObject(item);
                    return;
                }
            }
            catch (RuntimeException)
            {
                // The file was written; if the provider cannot show it (removed meanwhile, no access), a plain FileInfo still says where.
            }
            catch (IOException)
            {
            }

            cmdlet.WriteObject(new FileInfo(path));
        }
    }
}
