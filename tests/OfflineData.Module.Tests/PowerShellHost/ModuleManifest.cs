using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;

namespace OfflineData.Module.Tests.PowerShellHost
{
    /// <summary>
    /// The data in a module manifest (.psd1), read the way Import-PowerShellDataFile reads it: parsed, never run
    /// (<see cref="Ast.SafeGetValue()"/> accepts only constant data). Import-PowerShellDataFile itself lives in
    /// Microsoft.PowerShell.Utility, which the hosted engine does not have.
    /// </summary>
    public sealed class ModuleManifest
    {
        private readonly Hashtable _data;

        private ModuleManifest(string path, Hashtable data)
        {
            Path = path;
            _data = data;
        }

        /// <summary>Full path of the manifest file.</summary>
        public string Path { get; }

        /// <summary>RootModule, e.g. OfflineData.dll.</summary>
        public string? RootModule => _data["RootModule"] as string;

        /// <summary>PowerShellVersion, the lowest PowerShell the module declares it runs on.</summary>
        public string? PowerShellVersion => _data["PowerShellVersion"] as string;

        /// <summary>CompatiblePSEditions (Desktop, Core).</summary>
        public IReadOnlyList<string> CompatiblePSEditions => GetStrings("CompatiblePSEditions");

        /// <summary>CmdletsToExport: the cmdlets the module promises, and the only ones it may export.</summary>
        public IReadOnlyList<string> CmdletsToExport => GetStrings("CmdletsToExport");

        /// <summary>FormatsToProcess: format files, relative to the module folder.</summary>
        public IReadOnlyList<string> FormatsToProcess => GetStrings("FormatsToProcess");

        /// <summary>TypesToProcess: type files, relative to the module folder.</summary>
        public IReadOnlyList<string> TypesToProcess => GetStrings("TypesToProcess");

        /// <summary>Parses <paramref name="path"/>; throws <see cref="InvalidDataException"/> on a syntax error or non-constant content.</summary>
        public static ModuleManifest Load(string path)
        {
            var ast = Parser.ParseFile(path, out _, out var errors);
            if (errors.Length > 0)
            {
                throw new InvalidDataException(
                    $"'{path}' is not valid PowerShell: {string.Join("; ", errors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}"))}");
            }

            if (ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false) is not HashtableAst table)
            {
                throw new InvalidDataException($"'{path}' holds no hashtable, so it is not a module manifest.");
            }

            try
            {
                return new ModuleManifest(System.IO.Path.GetFullPath(path), (Hashtable)table.SafeGetValue());
            }
            catch (InvalidOperationException e)
            {
                // SafeGetValue refuses anything that would have to run (commands, variables, sub-expressions).
                throw new InvalidDataException($"'{path}' is not constant data: {e.Message}", e);
            }
        }

        /// <summary>Any manifest key as a list of strings: a single value becomes one item, a missing key none.</summary>
        public IReadOnlyList<string> GetStrings(string key) => _data[key] switch
        {
            null => Array.Empty<string>(),
            string single => new[] { single },
            IEnumerable many => many.Cast<object>().Select(o => Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture)!).ToList(),
            var other => new[] { Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)! },
        };
    }
}
