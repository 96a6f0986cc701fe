using Picshelf.Data;
using Picshelf.Storage;

namespace Picshelf.Api;

/// <summary>
/// <c>/healthz</c>: the process answers. <c>/readyz</c>: the database, the blob store (a small blob written, read
/// back and deleted) and Redis, when configured, all answer within two seconds each; otherwise 503 naming
/// what did not, so a load balancer stops sending requests here until it does.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);
    private static readonly string ProbeKey = $"health/probe-{Guid.NewGuid():N}";

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => ImgurResult.Ok(new LivenessModel("alive"), ImgurJson.Default.LivenessModel));
        app.MapGet("/readyz", ReadyAsync);
    }

    public static async Task<ImgurResult<ReadinessModel>> ReadyAsync(PicshelfDb db, IBlobStore blobs, RedisConnection redis, CancellationToken cancellationToken)
    {
        var database = await CheckAsync(async token => await db.Database.CanConnectAsync(token), cancellationToken);
        var blobStore = await CheckAsync(async token =>
        {
            var probe = "ready"u8.ToArray();
            await blobs.PutAsync(ProbeKey, new MemoryStream(probe), token);
            var read = await blobs.ReadAllBytesAsync(ProbeKey, token);
            await blobs.DeleteAsync(ProbeKey, token);
            return read is not null && read.AsSpan().SequenceEqual(probe);
        }, cancellationToken);
        var cache = redis.IsConfigured ? await CheckAsync(redis.PingAsync, cancellationToken) : "not configured";
        var failing = new[] { ("database", database), ("blob store", blobStore), ("redis", cache) }.Where(p => p.Item2 == "unreachable").Select(p => p.Item1).ToList();
        return failing.Count == 0
            ? ImgurResult.Ok(new ReadinessModel(database, blobStore, cache), ImgurJson.Default.ReadinessModel)
            : throw new ApiException(StatusCodes.Status503ServiceUnavailable, "Not ready: " + string.Join(", ", failing) + " unreachable");
    }

    private static async Task<string> CheckAsync(Func<CancellationToken, Task<bool>> check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            return await check(timeout.Token).WaitAsync(timeout.Token) ? "ok" : "unreachable";
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return "unreachable";
        }
    }
}
