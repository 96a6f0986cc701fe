namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// Which backends every <see cref="PicshelfApp"/> runs on. By default SQLite and the filesystem, as a single
/// machine runs; with <c>PICSHELF_TEST_BACKEND=scaleout</c> (the test command's second run) PostgreSQL, S3 and Redis,
/// as several processes run. The servers are real, started once for the test run and stopped when it ends;
/// each app gets a database, a bucket prefix and a Redis key prefix of its own.
/// </summary>
public static class TestBackend
{
    public const string Trait = "Backend";

    /// <summary>Marks a class that brings its own servers or tests the embedded defaults: it runs once, not again on the scale-out backend.</summary>
    public const string Own = "Own";

    private static readonly Lazy<SharedBackends> Servers = new(StartForTheRun);

    public static bool IsScaleOut => Environment.GetEnvironmentVariable("PICSHELF_TEST_BACKEND") == "scaleout";

    /// <summary>The settings of a fresh, isolated scale-out backend; none when running on the embedded defaults.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> NewSettings()
    {
        if (!IsScaleOut)
        {
            return [];
        }
        // Test classes create apps from constructors, which may run on xunit's own synchronization context.
        return Task.Run(Servers.Value.NewInstallationAsync).GetAwaiter().GetResult();
    }

    private static SharedBackends StartForTheRun()
    {
        var servers = new SharedBackends();
        Task.Run(servers.InitializeAsync).GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Task.Run(servers.DisposeAsync).GetAwaiter().GetResult();
        return servers;
    }
}
