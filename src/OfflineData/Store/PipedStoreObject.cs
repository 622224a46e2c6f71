using System;
using System.ComponentModel;
using System.Management.Automation;

namespace OfflineData.Commands.Store
{
    /// <summary>
    /// A piped object that names its store (it has a non-empty Store property), for a cmdlet whose pipeline also takes
    /// paths: a hidden parameter of this type binds only such objects, so a piped path or file still selects the
    /// cmdlet's path parameter set while a piped store object can be checked against an explicit -Store.
    /// </summary>
    [TypeConverter(typeof(PipedStoreObjectConverter))]
    public sealed class PipedStoreObject
    {
        internal PipedStoreObject(PSObject value) => Value = value;

        /// <summary>The piped object.</summary>
        public PSObject Value { get; }

        /// <summary>The piped object's own text.</summary>
        public override string ToString() => Value.ToString();
    }

    /// <summary>Converts a piped object to <see cref="PipedStoreObject"/> only when it has a non-empty Store property.</summary>
    public sealed class PipedStoreObjectConverter : PSTypeConverter
    {
        /// <inheritdoc />
        public override bool CanConvertFrom(object sourceValue, Type destinationType) =>
            destinationType == typeof(PipedStoreObject) && HasStore(sourceValue);

        /// <inheritdoc />
        public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase)
        {
            if (!CanConvertFrom(sourceValue, destinationType)) throw new PSInvalidCastException("The object names no store (it has no Store property).");
            return new PipedStoreObject(sourceValue as PSObject ?? PSObject.AsPSObject(sourceValue));
        }

        /// <inheritdoc />
        public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

        /// <inheritdoc />
        public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
            throw new PSInvalidCastException("A piped store object converts to nothing else.");

        private static bool HasStore(object? value)
        {
            if (value == null) return false;
            var wrapped = value as PSObject ?? PSObject.AsPSObject(value);
            if (wrapped.BaseObject is string) return false;
            var store = wrapped.Properties[PipelineStores.StoreProperty]?.Value;
            var text = store is PSObject inner ? inner.BaseObject?.ToString() : store?.ToString();
            return !string.IsNullOrWhiteSpace(text);
        }
    }
}
