using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace OfflineData.Commands.Pipeline
{
    /// <summary>
    /// Reads a pipeline object as name/value pairs: the entries of a hashtable, else the object's readable
    /// properties. Values come back unwrapped from their PSObject, so core code sees plain .NET values.
    /// </summary>
    internal static class InputObjectFields
    {
        /// <summary>The fields of <paramref name="input"/>, in the order the object lists them.</summary>
        public static IEnumerable<KeyValuePair<string, object?>> Read(PSObject input)
        {
            if (input.BaseObject is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    yield return new KeyValuePair<string, object?>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, Unwrap(entry.Value));
                }

                yield break;
            }

            foreach (var property in input.Properties)
            {
                if (!property.IsGettable) continue;
                object? value;
                try
                {
                    value = property.Value;
                }
                catch (GetValueException)
                {
                    // A property whose getter fails is not a field of the row; the others still are.
                    continue;
                }

                yield return new KeyValuePair<string, object?>(property.Name, Unwrap(value));
            }
        }

        /// <summary>The object a PSObject wraps; any other value as it is.</summary>
        public static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;
    }
}
