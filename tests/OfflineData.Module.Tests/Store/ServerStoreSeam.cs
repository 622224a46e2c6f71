using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Linq.Expressions;
using System.Net;
using System.Reflection;
using OfflineData.Module.Tests.PowerShellHost;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// Stands in for a server store, through the cmdlets' internal seam (StoreOpener.ServerDisplayNameOverride and
    /// ServerOpenOverride), so the cmdlets' handling of a server location — its display name, -Credential, Create —
    /// is tested without a server. Only locations naming the host <see cref="Host"/> are taken; every other location
    /// goes to the real StoreFactory, so tests running in parallel are not affected. A server location is opened as
    /// an SQLite store at the file registered for it, and what the cmdlet passed is recorded per location.
    /// </summary>
    public static class ServerStoreSeam
    {
        /// <summary>The host a location must name to be taken by the seam (".invalid": never a real host).</summary>
        public const string Host = "seam.invalid";

        /// <summary>The display name the seam gives every location it takes.</summary>
        public const string DisplayName = "postgresql://od@seam.invalid:5432/offline";

        private static readonly ConcurrentDictionary<Assembly, bool> Installed = new ConcurrentDictionary<Assembly, bool>();
        private static readonly ConcurrentDictionary<string, string> Files = new ConcurrentDictionary<string, string>();
        private static readonly ConcurrentDictionary<string, ConcurrentQueue<Opening>> Openings = new ConcurrentDictionary<string, ConcurrentQueue<Opening>>();

        /// <summary>One StoreFactory.Open call the seam took: what the cmdlet passed.</summary>
        public sealed record Opening(bool Create, string? UserName, string? Password);

        /// <summary>
        /// Installs the seam into the module <paramref name="session"/> imported (once per loaded assembly) and makes
        /// <paramref name="location"/> open the SQLite store at <paramref name="sqliteFile"/>.
        /// </summary>
        public static void Register(ModuleSession session, string location, string sqliteFile)
        {
            Files[location] = sqliteFile;
            Openings[location] = new ConcurrentQueue<Opening>();
            var assembly = (Assembly)session.Invoke("(Get-Command Get-OfflineData).ImplementingType.Assembly").ThrowIfFailed().Output.Single().BaseObject;
            Installed.GetOrAdd(assembly, Install);
        }

        /// <summary>The opens of <paramref name="location"/> so far, in order.</summary>
        public static Opening[] OpeningsOf(string location) => Openings.TryGetValue(location, out var queue) ? queue.ToArray() : Array.Empty<Opening>();

        private static bool Install(Assembly assembly)
        {
            var opener = assembly.GetType("OfflineData.Commands.Store.StoreOpener", throwOnError: true)!;
            const BindingFlags Static = BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public;

            var displayName = opener.GetProperty("ServerDisplayNameOverride", Static)!;
            displayName.SetValue(null, new Func<string, string?>(location => Takes(location) ? DisplayName : null));

            // Func<string, StoreOpenOptions, IOfflineDataStore?>: the core's types live in the module's own load
            // context, which this test does not reference, so the delegate is built over them by expression.
            var open = opener.GetProperty("ServerOpenOverride", Static)!;
            var types = open.PropertyType.GetGenericArguments();
            var location = Expression.Parameter(typeof(string), "location");
            var options = Expression.Parameter(types[1], "options");
            var call = Expression.Call(typeof(ServerStoreSeam).GetMethod(nameof(Open), BindingFlags.Static | BindingFlags.NonPublic)!, location, Expression.Convert(options, typeof(object)));
            open.SetValue(null, Expression.Lambda(open.PropertyType, Expression.Convert(call, types[2]), location, options).Compile());
            return true;
        }

        private static bool Takes(string location) => location.Contains(Host, StringComparison.OrdinalIgnoreCase);

        private static object? Open(string location, object options)
        {
            if (!Takes(location) || !Files.TryGetValue(location, out var file)) return null;
            var type = options.GetType();
            var credential = (NetworkCredential?)type.GetProperty("Credential")!.GetValue(options);
            Openings[location].Enqueue(new Opening((bool)type.GetProperty("Create")!.GetValue(options)!, credential?.UserName, credential?.Password));
            var factory = type.Assembly.GetType("OfflineData.Core.Store.StoreFactory", throwOnError: true)!;
            try
            {
                return factory.GetMethod("Open")!.Invoke(null, new[] { file, options });
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
    }
}
