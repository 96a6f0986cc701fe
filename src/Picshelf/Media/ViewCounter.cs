using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Data;
using Picshelf.Images;
using StackExchange.Redis;

namespace Picshelf.Media;

/// <summary>One image's views and bytes served, counted since they were last written.</summary>
public readonly record struct ViewTally(string ImageId, long Views, long Bytes);

/// <summary>
/// Counts direct-link views and bytes in memory; <see cref="ViewFlusher"/> writes them in batches,
/// so a hit never costs a database write. Reads add the counts not yet written, including those a flush
/// has taken and not yet written: a flush that pools them in Redis first takes a few round trips.
/// </summary>
public sealed class ViewCounter
{
    private readonly ConcurrentDictionary<string, (long Views, long Bytes)> pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Views, long Bytes)> inFlight = new(StringComparer.Ordinal);

    public void Count(string imageId, long views, long bytes) => Add(pending, imageId, views, bytes);

    public (long Views, long Bytes) Pending(string imageId)
    {
        var counted = pending.TryGetValue(imageId, out var tally) ? tally : default;
        var flushing = inFlight.TryGetValue(imageId, out var taken) ? taken : default;
        return (counted.Views + flushing.Views, counted.Bytes + flushing.Bytes);
    }

    /// <summary>Hands over every tally, still counted by reads until written; a hit arriving meanwhile starts a new one.</summary>
    public List<ViewTally> TakeAll()
    {
        var taken = new List<ViewTally>(pending.Count);
        foreach (var imageId in pending.Keys)
        {
            if (pending.TryRemove(imageId, out var tally))
            {
                Add(inFlight, imageId, tally.Views, tally.Bytes);
                taken.Add(new ViewTally(imageId, tally.Views, tally.Bytes));
            }
        }
        return taken;
    }

    /// <summary>Ends a flush: what it took and did not write went back to be counted, or to another process's batch.</summary>
    public void Settle() => inFlight.Clear();

    private static void Add(ConcurrentDictionary<string, (long Views, long Bytes)> tallies, string imageId, long views, long bytes) =>
        tallies.AddOrUpdate(imageId, (views, bytes), (_, tally) => (tally.Views + views, tally.Bytes + bytes));

    /// <summary>
    /// Adds the tallies to their images, one update each, then makes every process read the new totals of those
    /// written; what could not be written is counted here again, for the next flush.
    /// </summary>
    public async Task WriteAsync(PicshelfDb db, ImageDirectory directory, IReadOnlyList<ViewTally> tallies, CancellationToken cancellationToken)
    {
        var written = new List<string>(tallies.Count);
        try
        {
            foreach (var (imageId, views, bytes) in tallies)
            {
                await db.Images.Where(image => image.Id == imageId).ExecuteUpdateAsync(s => s
                    .SetProperty(image => image.Views, image => image.Views + views)
                    .SetProperty(image => image.Bandwidth, image => image.Bandwidth + bytes), cancellationToken);
                written.Add(imageId);
            }
        }
        catch
        {
            foreach (var unwritten in tallies.Skip(written.Count))
            {
                Count(unwritten.ImageId, unwritten.Views, unwritten.Bytes);
            }
            throw;
        }
        finally
        {
            // Taken out of the reads' sum just before the fresh rows replace the cached ones.
            foreach (var imageId in written)
            {
                inFlight.TryRemove(imageId, out _);
            }
            directory.Forget(written);
        }
    }
}

/// <summary>
/// Where the processes of one installation pool their tallies: each flush adds this process's to two Redis
/// hashes, and takes out everything there, so whichever process comes first writes the batches of all of them.
/// The database then takes one update per image per interval however many processes count, and every process
/// reads the new totals through one announcement instead of one from each process.
/// </summary>
public sealed class SharedViewTallies(RedisConnection redis)
{
    // Both scripts run whole or not at all: a tally is never half added, nor taken by two processes.
    private const string AddScript = """
        for i = 1, #ARGV, 3 do
          redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
          redis.call('HINCRBY', KEYS[2], ARGV[i], ARGV[i + 2])
        end
        """;

    private const string TakeScript = """
        local views = redis.call('HGETALL', KEYS[1])
        local bytes = redis.call('HGETALL', KEYS[2])
        redis.call('DEL', KEYS[1], KEYS[2])
        return {views, bytes}
        """;

    public bool IsConfigured => redis.IsConfigured;

    private RedisKey[] Keys => [redis.Key("views:count"), redis.Key("views:bytes")];

    public async Task AddAsync(IReadOnlyList<ViewTally> tallies)
    {
        if (tallies.Count == 0)
        {
            return;
        }
        var arguments = tallies.SelectMany(t => new RedisValue[] { t.ImageId, t.Views, t.Bytes }).ToArray();
        await (await redis.DatabaseAsync()).ScriptEvaluateAsync(AddScript, Keys, arguments);
    }

    public async Task<List<ViewTally>> TakeAllAsync()
    {
        var result = (RedisResult[])(await (await redis.DatabaseAsync()).ScriptEvaluateAsync(TakeScript, Keys))!;
        var views = Pairs((RedisResult[])result[0]!);
        var bytes = Pairs((RedisResult[])result[1]!);
        return views.Keys.Union(bytes.Keys)
            .Select(id => new ViewTally(id, views.GetValueOrDefault(id), bytes.GetValueOrDefault(id)))
            .ToList();
    }

    private static Dictionary<string, long> Pairs(RedisResult[] flat)
    {
        var pairs = new Dictionary<string, long>(flat.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            pairs[flat[i].ToString()] = long.Parse(flat[i + 1].ToString(), CultureInfo.InvariantCulture);
        }
        return pairs;
    }
}

public sealed class ViewFlusher(ViewCounter counter, SharedViewTallies shared, ImageDirectory directory, IServiceScopeFactory scopes,
    IOptions<MediaOptions> options, TimeProvider time, ILogger<ViewFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ViewFlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(CancellationToken.None);
    }

    /// <summary>
    /// Pools this process's tallies in Redis and writes whatever the pool holds; without Redis, or while it is
    /// down, writes its own. Either way the images written are announced once, so every process reads their totals.
    /// </summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            var tallies = counter.TakeAll();
            if (shared.IsConfigured)
            {
                tallies = await PoolAsync(tallies);
            }
            if (tallies.Count > 0)
            {
                await using var scope = scopes.CreateAsyncScope();
                await counter.WriteAsync(scope.ServiceProvider.GetRequiredService<PicshelfDb>(), directory, tallies, cancellationToken);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "Writing view counts failed; they are kept and retried");
        }
        finally
        {
            counter.Settle();
        }
    }

    /// <returns>The tallies this process should write now: the pool's, or its own when they could not join it.</returns>
    private async Task<List<ViewTally>> PoolAsync(List<ViewTally> own)
    {
        try
        {
            await shared.AddAsync(own);
        }
        // Also a connection already disposed, when the host stops: this process then writes its own last counts.
        catch (Exception failure) when (failure is RedisException or TimeoutException or ObjectDisposedException)
        {
            logger.LogWarning("Redis is unreachable ({Reason}); this process writes its own view counts", failure.Message);
            return own;
        }
        try
        {
            return await shared.TakeAllAsync();
        }
        catch (Exception failure) when (failure is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The pool keeps them; the next flush of any process takes them.
            logger.LogWarning("Redis is unreachable ({Reason}); pooled view counts wait for the next flush", failure.Message);
            return [];
        }
    }
}
