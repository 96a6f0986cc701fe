using System.Diagnostics.Metrics;

namespace Picshelf.Telemetry;

/// <summary>
/// The server's own instruments, all on one meter so <c>/metrics</c> and an OTLP collector take them with one name.
/// Request counts and latencies by route template and status come from ASP.NET Core's own
/// <c>http.server.request.duration</c>; these count what only Picshelf knows. Features whose queue lives in their own
/// code register its gauge on <see cref="Meter"/>. Names and units follow OpenTelemetry's conventions; docs/operations.md
/// lists them as a Prometheus scrape shows them.
/// </summary>
public sealed class PicshelfMetrics
{
    public const string MeterName = "Picshelf";

    public PicshelfMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        Uploads = Meter.CreateCounter<long>("picshelf.uploads", "{upload}", "Uploads stored, by kind: image, animation or video");
        UploadedBytes = Meter.CreateCounter<long>("picshelf.uploads.size", "By", "Bytes received in stored uploads, by kind");
        ThumbnailDuration = Meter.CreateHistogram<double>("picshelf.thumbnails.duration", "s",
            "Time to make a thumbnail on its first request, from reading the original to storing the result");
        HotCacheLookups = Meter.CreateCounter<long>("picshelf.hot_cache.lookups", "{lookup}",
            "Direct-link reads looked up in the in-memory cache, by result: hit or miss");
        CreditsRefused = Meter.CreateCounter<long>("picshelf.credits.refused", "{request}", "Requests refused because a credit budget was spent, by budget");
        RedisFailures = Meter.CreateCounter<long>("picshelf.credits.redis_failures", "{charge}",
            "Charges counted by the process's own counter because Redis could not be reached");
        BlobStoreErrors = Meter.CreateCounter<long>("picshelf.blob_store.errors", "{error}", "Blob-store operations that failed, by operation");
        DatabaseErrors = Meter.CreateCounter<long>("picshelf.database.errors", "{error}", "Database commands and connections that failed");
    }

    public Meter Meter { get; }

    public Counter<long> Uploads { get; }

    public Counter<long> UploadedBytes { get; }

    public Histogram<double> ThumbnailDuration { get; }

    public Counter<long> HotCacheLookups { get; }

    public Counter<long> CreditsRefused { get; }

    public Counter<long> RedisFailures { get; }

    public Counter<long> BlobStoreErrors { get; }

    public Counter<long> DatabaseErrors { get; }
}
