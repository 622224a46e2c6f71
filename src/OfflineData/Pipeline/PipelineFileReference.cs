using System;
using System.Collections;
using System.IO;
using System.Management.Automation;

namespace OfflineData.Commands.Pipeline
{
    /// <summary>
    /// Tells a piped file reference (a path string, a FileInfo from Get-ChildItem, a PathInfo from Resolve-Path,
    /// any provider item with PSPath) from a piped data row. A cmdlet whose -InputObject takes any object gets
    /// every piped object there, before -Path/-LiteralPath by property name is tried, so it asks this first.
    /// </summary>
    internal static class PipelineFileReference
    {
        /// <summary>
        /// Whether <paramref name="input"/> names a file rather than carrying row data. <paramref name="path"/> is the
        /// path to read; <paramref name="literal"/> is false only for a plain string, which may hold wildcards like -Path.
        /// </summary>
        /// <param name="input">The piped object.</param>
        /// <param name="isRowField">Whether a property name is a field of the cmdlet's rows (an object with one is a row).</param>
        /// <param name="path">The path, when the object is a file reference.</param>
        /// <param name="literal">Whether the path is to be taken as written (no wildcards).</param>
        public static bool TryGet(PSObject input, Func<string, bool> isRowField, out string path, out bool literal)
        {
            path = string.Empty;
            literal = true;
            switch (input.BaseObject)
            {
                case string text:
                    path = text;
                    literal = false;
                    return true;
                case FileSystemInfo item:
                    path = PSPathOf(input) ?? item.FullName;
                    return true;
                case PathInfo resolved:
                    path = resolved.ProviderPath;
                    return true;
            }

            // Any other object with none of the row's fields names a file by PSPath or LiteralPath (as written) or by Path
            // (wildcards), as -Path and -LiteralPath would bind it by property name: another provider's item, a
            // deserialized FileInfo, [pscustomobject]@{ Path = 'web.csv' }. An object with row fields is a row, even
            // when one of its state columns happens to be called Path.
            if (input.BaseObject is IDictionary) return false;
            foreach (var property in input.Properties)
            {
                if (isRowField(property.Name)) return false;
            }

            var literalPath = PropertyText(input, "PSPath") ?? PropertyText(input, "LiteralPath");
            if (literalPath != null)
            {
                path = literalPath;
                return true;
            }

            var wildcardPath = PropertyText(input, "Path");
            if (wildcardPath == null) return false;
            path = wildcardPath;
            literal = false;
            return true;
        }

        private static string? PSPathOf(PSObject input) => PropertyText(input, "PSPath");

        private static string? PropertyText(PSObject input, string name)
        {
            try
            {
                var value = input.Properties[name]?.Value;
                if (value is PSObject ps) value = ps.BaseObject;
                return value is string text && text.Length > 0 ? text : null;
            }
            catch (GetValueException)
            {
                return null;
            }
        }
    }
}
