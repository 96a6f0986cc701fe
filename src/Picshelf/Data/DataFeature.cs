using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Picshelf.Storage;

namespace Picshelf.Data;

public static class DataFeature
{
    /// <summary>
    /// The database <c>Database:Provider</c> names (migrated at start), the shared Redis connection when one is configured,
    /// and the messages that make every process forget what another one changed.
    /// </summary>
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddSingleton<DatabaseErrorCounter>();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        // A list in a query (ids.Contains(x.Id)) goes as one array parameter (json_each on SQLite, = ANY on PostgreSQL), not EF's
        // default of one parameter per element, whose SQL depends on the list's length and so was generated again at every
        // execution: a tenth of each query's time on a page of 50 images.
        const ParameterTranslationMode lists = ParameterTranslationMode.Parameter;
        switch (database.Provider.ToLowerInvariant())
        {
            case DatabaseOptions.Postgres:
                var connectionString = database.ConnectionString
                    ?? throw new InvalidOperationException("Database:Provider is postgres, so Database:ConnectionString must name the server and database");
                services.AddDbContextPool<PicshelfDb, PostgresPicshelfDb>((provider, options) =>
                    options.UseNpgsql(PooledPostgres(connectionString), postgres => postgres.UseParameterizedCollectionMode(lists))
                        .AddInterceptors(provider.GetRequiredService<DatabaseErrorCounter>()));
                services.AddSingleton<IDatabaseDialect, PostgresDialect>();
                break;
            case DatabaseOptions.Sqlite:
                services.AddDbContextPool<PicshelfDb, SqlitePicshelfDb>((provider, options) =>
                {
                    var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
                    Directory.CreateDirectory(storage.FullDataDirectory);
                    options.UseSqlite(database.ConnectionString ?? $"Data Source={Path.Combine(storage.FullDataDirectory, "picshelf.db")}",
                            sqlite => sqlite.UseParameterizedCollectionMode(lists))
                        .AddInterceptors(new SqliteTuning(), provider.GetRequiredService<DatabaseErrorCounter>());
                });
                services.AddSingleton<IDatabaseDialect, SqliteDialect>();
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{database.Provider}' is not sqlite or postgres");
        }
        services.AddHostedService<DatabaseMigrator>();
        if (database.Provider.Equals(DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            // After the migrator, which brings the tables the statistics are of.
            services.AddHostedService<SqliteStatistics>();
        }

        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section)
            .Validate(redis => !redis.IsConfigured || RedisConnection.IsValidConfiguration(redis.Configuration!),
                "Redis:Configuration is not a valid StackExchange.Redis configuration string")
            .ValidateOnStart();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<CacheInvalidation>();
        services.AddHostedService(provider => provider.GetRequiredService<CacheInvalidation>());
        return services;
    }

    /// <summary>
    /// The connection string the server's pool uses: a pooled connection is handed out again as it was left (no DISCARD ALL
    /// before its next query), since nothing here leaves session state behind (row locks end with their transactions; the
    /// migration lock has a connection of its own). Npgsql keeps a pool per string, so whoever clears the pool names this one.
    /// </summary>
    public static string PooledPostgres(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
}
