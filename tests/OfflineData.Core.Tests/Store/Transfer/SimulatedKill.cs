using System;

namespace OfflineData.Core.Tests.Store.Transfer
{
    /// <summary>What a killed copy process looks like to the copier: it stops mid-batch, and that batch never arrives.</summary>
    internal sealed class SimulatedKill : Exception
    {
    }
}
