using System;
using System.Linq;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// Issue 4: the store sits behind a small interface in the core, so a server database can be added later
    /// without touching the cmdlets. No cmdlet may hold the SQLite implementation itself.
    /// </summary>
    public sealed class StoreInterfaceTests : IDisposable
    {
        private readonly ModuleSession session = new ModuleSession();

        [Fact]
        public void No_cmdlet_holds_the_SQLite_store_type_only_the_store_interface()
        {
            var result = session.Invoke(@"
                $flags = [Reflection.BindingFlags]'Instance,Static,Public,NonPublic,DeclaredOnly'
                $cmdlets = (Get-Command -Module OfflineData -CommandType Cmdlet) | ForEach-Object { $_.ImplementingType }
                foreach ($type in $cmdlets) {
                    # The store may be held by a base class (StoreCmdlet): walk up to PSCmdlet.
                    for ($t = $type; $t -and $t.Assembly -eq $type.Assembly; $t = $t.BaseType) {
                        foreach ($field in $t.GetFields($flags)) {
                            if ($field.FieldType.FullName -like '*Sqlite*') { 'BAD ' + $type.Name + '.' + $field.Name + ': ' + $field.FieldType.FullName }
                            if ($field.FieldType.FullName -eq 'OfflineData.Commands.Store.PipelineStores') { 'OK ' + $type.Name }
                        }
                    }
                }
                # The cmdlets' store cache (one store per -Store path, as -Store binds from the pipeline) holds the interface too.
                $cache = $cmdlets[0].Assembly.GetType('OfflineData.Commands.Store.PipelineStores', $true)
                foreach ($field in $cache.GetFields($flags)) {
                    if ($field.FieldType.FullName -like '*Sqlite*') { 'BAD PipelineStores.' + $field.Name + ': ' + $field.FieldType.FullName }
                    if ($field.FieldType.FullName -like '*OfflineData.Core.Store.IOfflineDataStore*') { 'CACHE ' + $field.Name }
                }").ThrowIfFailed();

            var lines = result.Output.Select(o => (string)o.BaseObject).ToList();
            Assert.DoesNotContain(lines, l => l.StartsWith("BAD", StringComparison.Ordinal));
            // Eleven cmdlets use the store: Set-/Get-TransactionIdRecording, Import-OnlineData, Import-OfflineData, Get-OfflineData,
            // Get-OfflineDataImport, Get-OfflineDataDelivery, Export-OfflineData, Measure-OfflineData, Import-/Get-OfflineDataConsent.
            Assert.Equal(11, lines.Count(l => l.StartsWith("OK", StringComparison.Ordinal)));
            Assert.Contains("OK GetOfflineDataDeliveryCommand", lines);
            Assert.Contains("OK ExportOfflineDataCommand", lines);
            Assert.Contains("OK MeasureOfflineDataCommand", lines);
            Assert.Contains("OK ImportOfflineDataConsentCommand", lines);
            Assert.Contains("OK GetOfflineDataConsentCommand", lines);
            Assert.Contains(lines, l => l.StartsWith("CACHE", StringComparison.Ordinal));
        }

        public void Dispose() => session.Dispose();
    }
}
