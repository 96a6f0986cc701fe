using Picshelf.Data;
using Picshelf.Storage;

namespace Picshelf;

/// <summary>
/// Whether the runtime runs what follows a finished socket operation on its event thread
/// (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>) instead of handing each one to the thread pool first. Kestrel
/// hands a connection's work to the thread pool itself (its I/O queues), so for its sockets this saves a hop and a thread
/// switch per read and write: on one core, 11 % more API reads and 6 % more thumbnails a second (bench/README.md, "The
/// read paths and the credit limiter"). Any other code awaiting a socket also goes on on that thread, and code that blocks
/// there stalls every connection: the PostgreSQL, Redis and S3 clients may (S3BlobStore reads an object synchronously),
/// so by default it is on only for the embedded setup (SQLite, files, no Redis), whose other sockets are an upload's URL
/// fetch and the mail sender, and they move back to the thread pool before going on. <c>Server:InlineSocketCompletions</c>
/// sets it either way (docs/configuration.md). Kestrel's <c>UnsafePreferInlineScheduling</c>, which would run the request
/// itself on that thread, stays off: every handler that blocks would then stall the thread's connections (bench/README.md,
/// "Kestrel's inline scheduling, measured and not shipped").
/// </summary>
public static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static bool ChosenFor(IConfiguration configuration) =>
        configuration.GetValue<bool?>("Server:InlineSocketCompletions") ?? IsEmbedded(configuration);

    /// <summary>
    /// Sets the variable as chosen. The runtime reads it once, when the first socket is registered with its event thread:
    /// this must run before the server listens or anything else opens a socket.
    /// </summary>
    public static void Apply(IConfiguration configuration) =>
        Environment.SetEnvironmentVariable(Variable, ChosenFor(configuration) ? "1" : null);

    private static bool IsEmbedded(IConfiguration configuration) =>
        Is(configuration[$"{DatabaseOptions.Section}:Provider"] ?? DatabaseOptions.Sqlite, DatabaseOptions.Sqlite)
        && Is(configuration[$"{StorageOptions.Section}:Provider"] ?? StorageOptions.FileSystem, StorageOptions.FileSystem)
        && string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.Section}:Configuration"]);

    private static bool Is(string setting, string value) => setting.Equals(value, StringComparison.OrdinalIgnoreCase);
}
