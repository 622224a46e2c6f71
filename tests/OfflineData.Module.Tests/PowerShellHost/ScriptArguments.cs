using System.Collections;

namespace OfflineData.Module.Tests.PowerShellHost
{
    /// <summary>Named arguments for a script's param() block, as <see cref="ModuleSession.Invoke"/> takes them.</summary>
    public static class ScriptArguments
    {
        /// <summary>A table of (name, value) pairs; import with <c>using static</c> and write <c>Args(("Path", file))</c>.</summary>
        public static IDictionary Args(params (string Name, object Value)[] values)
        {
            var table = new Hashtable();
            foreach (var (name, value) in values) table[name] = value;
            return table;
        }
    }
}
