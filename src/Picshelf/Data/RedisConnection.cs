using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Picshelf.Data;

/// <summary>
/// The one connection to Redis, shared by everything that uses it. It connects in the background and
/// reconnects by itself; while it is down, commands fail at once instead of queueing, so callers can
/// go on without Redis rather than wait for it.
/// </summary>
public sealed class RedisConnection(IOptions<RedisOptions> options) : IAsyncDisposable, IDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> connection = new(() => ConnectAsync(options.Value));

    public RedisKey Key(string name) => options.Value.KeyPrefix + name;

    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync();
        await database.PingAsync().WaitAsync(cancellationToken);
        return true;
    }

    public static bool IsValidConfiguration(string configuration)
    {
        try
        {
            ConfigurationOptions.Parse(configuration);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public async Task<IDatabase> DatabaseAsync() => (await connection.Value).GetDatabase();

    public Task<ConnectionMultiplexer> MultiplexerAsync() => connection.Value;

    private static Task<ConnectionMultiplexer> ConnectAsync(RedisOptions settings)
    {
        var configuration = ConfigurationOptions.Parse(settings.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        var timeout = (int)settings.OperationTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = timeout;
        configuration.SyncTimeout = timeout;
        configuration.ConnectTimeout = Math.Max(timeout, 1000);
        return ConnectionMultiplexer.ConnectAsync(configuration);
    }

    public async ValueTask DisposeAsync()
    {
        if (connection.IsValueCreated)
        {
            await (await connection.Value).DisposeAsync();
        }
    }

    public void Dispose()
    {
        if (connection.IsValueCreated && connection.Value.IsCompletedSuccessfully)
        {
            connection.Value.Result.Dispose();
        }
    }
}
