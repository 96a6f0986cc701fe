namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL, one Redis and one S3 server, as the processes of a scaled-out installation share them; each
/// installation made on them gets a database, a bucket prefix and a Redis key prefix of its own.
/// </summary>
public sealed class SharedBackends : IAsyncLifetime
{
    public PostgresServer Postgres { get; } = new();
    public RedisServer Redis { get; } = new();
    public S3Server S3 { get; } = new();

    public Task InitializeAsync() => Task.WhenAll(Postgres.InitializeAsync(), Redis.InitializeAsync(), S3.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(Postgres.DisposeAsync(), Redis.DisposeAsync(), S3.DisposeAsync());

    /// <summary>The configuration of a new installation on these servers.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string?>>> NewInstallationAsync()
    {
        var name = $"i{Guid.NewGuid():N}"[..13];
        return
        [
            new("Database:Provider", "postgres"),
            new("Database:ConnectionString", await Postgres.NewDatabaseAsync()),
            new("Redis:Configuration", Redis.Configuration),
            new("Redis:KeyPrefix", name + ":"),
            .. S3.Settings(name + "/"),
        ];
    }
}
