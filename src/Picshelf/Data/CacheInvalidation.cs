using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Picshelf.Data;

/// <summary>
/// Tells every process of one installation to drop what it cached about an image, an album, an application or a grant
/// (rows, and the pages kept for signed-out readers),
/// over a Redis channel. Without Redis there is one process, and forgetting locally is all there is to do.
/// A process that lost its subscription for a while may have missed messages: when it is back, it drops every
/// cache that listens. One that failed to send a message keeps asking the others to drop everything until
/// one such message gets through.
/// </summary>
public sealed class CacheInvalidation(RedisConnection redis, ILogger<CacheInvalidation> logger) : IHostedService
{
    private const char Separator = ' ';

    private readonly string sender = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, Action<string>> forgetters = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Action> clearers = [];
    private volatile bool stopped;
    private int announcementsLost;

    /// <summary>Sent instead of keys: forget every entry of every kind.</summary>
    private const string Everything = "*";

    private RedisChannel Channel => RedisChannel.Literal(redis.Key("invalidate").ToString());

    /// <summary>Other processes may cache the same entries.</summary>
    public bool IsShared => redis.IsConfigured;

    /// <summary>
    /// What this process does when any process forgets a <paramref name="kind"/> of entry, and when it may have missed some.
    /// Several caches may listen to one kind (an image's row, and the pages that show it).
    /// </summary>
    public void Listen(string kind, Action<string> forget, Action? forgetAll = null)
    {
        forgetters.AddOrUpdate(kind, forget, (_, listening) => listening + forget);
        if (forgetAll is not null)
        {
            clearers.Add(forgetAll);
        }
    }

    /// <summary>Forgets the entries here at once and in the other processes as soon as Redis delivers.</summary>
    public void Forget(string kind, params IReadOnlyCollection<string> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }
        // No cache of this kind may have been made in this process yet: nothing here to forget then.
        if (forgetters.TryGetValue(kind, out var forget))
        {
            foreach (var key in keys)
            {
                forget(key);
            }
        }
        if (!redis.IsConfigured)
        {
            return;
        }
        _ = PublishAsync(string.Join(Separator, [sender, kind, .. keys]));
    }

    private async Task PublishAsync(string message)
    {
        try
        {
            var subscriber = (await redis.MultiplexerAsync()).GetSubscriber();
            await subscriber.PublishAsync(Channel, message);
        }
        catch (Exception failure) when (failure is RedisException or TimeoutException)
        {
            logger.LogWarning(failure, "Could not tell the other processes to forget cached entries; telling them to forget everything instead");
            if (Interlocked.Exchange(ref announcementsLost, 1) == 0)
            {
                _ = AnnounceForgetEverythingAsync();
            }
        }
    }

    /// <summary>Until it gets through, every few seconds: meanwhile the others' entries age out (a minute at most for images).</summary>
    private async Task AnnounceForgetEverythingAsync()
    {
        var message = string.Join(Separator, sender, Everything);
        for (var wait = TimeSpan.FromSeconds(1); !stopped; wait = TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds * 2, 10)))
        {
            await Task.Delay(wait);
            try
            {
                await (await redis.MultiplexerAsync()).GetSubscriber().PublishAsync(Channel, message);
                Interlocked.Exchange(ref announcementsLost, 0);
                return;
            }
            catch (Exception failure) when (failure is RedisException or TimeoutException)
            {
                logger.LogDebug(failure, "Still cannot tell the other processes to forget everything");
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis.IsConfigured)
        {
            _ = SubscribeAsync();
        }
        return Task.CompletedTask;
    }

    /// <summary>Keeps trying until subscribed: the server starts even while Redis is down.</summary>
    private async Task SubscribeAsync()
    {
        var multiplexer = await redis.MultiplexerAsync();
        multiplexer.ConnectionRestored += (_, restored) =>
        {
            if (restored.ConnectionType == ConnectionType.Subscription)
            {
                ForgetEverything();
            }
        };
        while (!stopped)
        {
            try
            {
                await multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message.ToString()));
                // What was cached before listening may have missed a message.
                ForgetEverything();
                return;
            }
            catch (Exception failure) when (failure is RedisException or TimeoutException)
            {
                logger.LogWarning("Not yet listening for cache invalidations: {Reason}", failure.Message);
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private void Receive(string message)
    {
        var parts = message.Split(Separator);
        if (parts.Length < 2 || parts[0] == sender)
        {
            return;
        }
        if (parts[1] == Everything)
        {
            ForgetEverything();
            return;
        }
        if (parts.Length < 3 || !forgetters.TryGetValue(parts[1], out var forget))
        {
            return;
        }
        foreach (var key in parts.AsSpan(2))
        {
            forget(key);
        }
    }

    private void ForgetEverything()
    {
        foreach (var clear in clearers)
        {
            clear();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        stopped = true;
        return Task.CompletedTask;
    }
}
