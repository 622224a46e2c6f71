#if NETFRAMEWORK
namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// Lets the net472 build (run on Mono) compile records and init-only setters; .NET 5+ has this type.
    /// </summary>
    internal static class IsExternalInit
    {
    }
}
#endif
