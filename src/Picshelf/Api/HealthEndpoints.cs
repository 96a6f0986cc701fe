namespace Picshelf.Api;

/// <summary>
/// <c>/healthz</c>: the process answers, touching nothing else, so a dependency's outage never gets the process
/// restarted. <c>/readyz</c>: the database, the blob store and Redis answer (<see cref="Readiness"/>); otherwise 503
/// naming what did not, so a load balancer stops sending requests here until it does.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        // Answered by routing itself, before the middleware after it: cookie authentication would look a sent session up
        // in the database, and a load balancer's probe that happens to carry a cookie must not depend on it.
        app.MapGet("/healthz", () => ImgurResult.Ok(new LivenessModel("alive"), ImgurJson.Default.LivenessModel)).ShortCircuit();
        app.MapGet("/readyz", ReadyAsync).ShortCircuit();
    }

    public static async Task<ImgurResult<ReadinessModel>> ReadyAsync(Readiness readiness, CancellationToken cancellationToken)
    {
        var found = await readiness.CheckAsync(cancellationToken);
        var failing = new[] { ("database", found.Database), ("blob store", found.BlobStore), ("redis", found.Redis) }
            .Where(p => p.Item2 == "unreachable").Select(p => p.Item1).ToList();
        return failing.Count == 0
            ? ImgurResult.Ok(found, ImgurJson.Default.ReadinessModel)
            : throw new ApiException(StatusCodes.Status503ServiceUnavailable, "Not ready: " + string.Join(", ", failing) + " unreachable");
    }
}
