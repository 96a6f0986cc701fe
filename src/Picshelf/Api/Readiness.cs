using System.Diagnostics;
using Picshelf.Data;
using Picshelf.Storage;

namespace Picshelf.Api;

/// <summary>
/// What <c>/readyz</c> answers: the database, the blob store (a small blob written, read back and deleted) and Redis,
/// when configured, each given two seconds. One probe at a time per process, its finding shared by every caller
/// that asks while it runs and for a second after: the probe writes to the store, and on S3 each write, read and
/// delete is a paid request, so callers must not be able to multiply them. Each probe writes its own key: on one key
/// shared by overlapping probes, one deleted the blob another was about to read back, and a healthy store answered
/// 503 a few times in a thousand, enough to make a load balancer flap.
/// </summary>
public sealed class Readiness(IServiceScopeFactory scopes, IBlobStore blobs, RedisConnection redis)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private Task<Finding>? latest;

    private sealed record Finding(ReadinessModel Model, long CheckedAt);

    /// <summary>The latest finding while it is fresh, the probe in flight, or a new probe.</summary>
    public async Task<ReadinessModel> CheckAsync(CancellationToken cancellationToken)
    {
        Task<Finding> probe;
        lock (gate)
        {
            var fresh = latest is { IsCompletedSuccessfully: true } && Stopwatch.GetElapsedTime(latest.Result.CheckedAt) < Freshness;
            if (latest is null || latest.IsFaulted || (latest.IsCompleted && !fresh))
            {
                // Not on the caller's token: other callers wait for this probe too, and one hanging up must not fail it.
                latest = Task.Run(ProbeAsync, CancellationToken.None);
            }
            probe = latest;
        }
        return (await probe.WaitAsync(cancellationToken)).Model;
    }

    private async Task<Finding> ProbeAsync()
    {
        var database = CheckAsync(async token =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PicshelfDb>().Database.CanConnectAsync(token);
        });
        var blobStore = CheckAsync(async token =>
        {
            var key = $"health/probe-{Guid.NewGuid():N}";
            var probe = "ready"u8.ToArray();
            try
            {
                await blobs.PutAsync(key, new MemoryStream(probe), token);
                var read = await blobs.ReadAllBytesAsync(key, token);
                return read is not null && read.AsSpan().SequenceEqual(probe);
            }
            finally
            {
                // Its own time from now, not what is left of the check's: a probe that used the check's time up (a slow
                // store, the very case a probe finds) would otherwise leave its blob behind for good.
                using var cleanup = new CancellationTokenSource(CheckTimeout);
                await blobs.DeleteAsync(key, cleanup.Token);
            }
        });
        var cache = redis.IsConfigured ? CheckAsync(redis.PingAsync) : Task.FromResult("not configured");
        var model = new ReadinessModel(await database, await blobStore, await cache);
        return new Finding(model, Stopwatch.GetTimestamp());
    }

    private static async Task<string> CheckAsync(Func<CancellationToken, Task<bool>> check)
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);
        try
        {
            return await check(timeout.Token).WaitAsync(timeout.Token) ? "ok" : "unreachable";
        }
        catch (Exception)
        {
            return "unreachable";
        }
    }
}
