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

    private static readonly Lazy<SharedServers> Servers = new(SharedServers.Start);

    public static bool IsScaleOut => Environment.GetEnvironmentVariable("PICSHELF_TEST_BACKEND") == "scaleout";

    /// <summary>The settings of a fresh, isolated scale-out backend; none when running on the embedded defaults.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> NewSettings()
    {
        if (!IsScaleOut)
        {
            return [];
        }
        var servers = Servers.Value;
        var name = $"t{Guid.NewGuid():N}"[..13];
        // Test classes create apps from constructors, which may run on xunit's own synchronization context.
        var database = Task.Run(servers.Postgres.NewDatabaseAsync).GetAwaiter().GetResult();
        return
        [
            new("Database:Provider", "postgres"),
            new("Database:ConnectionString", database),
            new("Redis:Configuration", servers.Redis.Configuration),
            new("Redis:KeyPrefix", name + ":"),
            .. servers.S3.Settings(name + "/"),
        ];
    }

    private sealed class SharedServers
    {
        public PostgresServer Postgres { get; } = new();
        public RedisServer Redis { get; } = new();
        public S3Server S3 { get; } = new();

        public static SharedServers Start()
        {
            var servers = new SharedServers();
            Task.Run(() => Task.WhenAll(servers.Postgres.InitializeAsync(), servers.Redis.InitializeAsync(), servers.S3.InitializeAsync())).GetAwaiter().GetResult();
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                Task.Run(() => Task.WhenAll(servers.Postgres.DisposeAsync(), servers.Redis.DisposeAsync(), servers.S3.DisposeAsync())).GetAwaiter().GetResult();
            return servers;
        }
    }
}
