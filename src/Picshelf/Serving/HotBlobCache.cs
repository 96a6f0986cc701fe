using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Picshelf.Images;
using Picshelf.Media;
using Picshelf.Telemetry;

namespace Picshelf.Serving;

/// <summary>
/// The bytes of recently served direct links, keyed by the link's name (<c>abcdefg</c> for the
/// original, <c>abcdefgm</c> for a thumbnail, <see cref="VariantName"/> for a variant) so a hit of a link allocates nothing, and bounded by
/// <see cref="ServingOptions.HotCacheBytes"/>. Blobs are immutable while their image lives, so an
/// entry is only ever removed, never refreshed.
/// </summary>
public sealed class HotBlobCache : IImageBytesCache, IDisposable
{
    private readonly MemoryCache cache;
    private readonly long largestEntry;
    private readonly PicshelfMetrics metrics;

    public HotBlobCache(IOptions<ServingOptions> options, PicshelfMetrics metrics)
    {
        this.metrics = metrics;
        var capacity = Math.Max(0, options.Value.HotCacheBytes);
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, capacity), CompactionPercentage = 0.25 });
        // One huge original must not push out hundreds of thumbnails.
        largestEntry = capacity / 16;
    }

    public bool TryGet(string name, out CachedBlob? blob)
    {
        var hit = cache.TryGetValue(name, out blob);
        metrics.HotCacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));
        return hit;
    }

    public bool Fits(long length) => length <= largestEntry;

    public void Add(string name, CachedBlob blob)
    {
        if (Fits(blob.Bytes.Length))
        {
            cache.Set(name, blob, new MemoryCacheEntryOptions { Size = blob.Bytes.Length + 256, SlidingExpiration = TimeSpan.FromHours(1) });
        }
    }

    /// <summary>Drops the original, every thumbnail and every variant of an image.</summary>
    public void ForgetImage(string imageId)
    {
        foreach (var name in BlobKeys.LinkNames(imageId))
        {
            cache.Remove(name);
            foreach (var format in ImageVariants.All)
            {
                cache.Remove(VariantName(name, format));
            }
        }
    }

    /// <summary>The name a variant is kept under: its link's name and its extension (<c>abcdefgm.webp</c>).</summary>
    public static string VariantName(string linkName, ImageFormat format) => $"{linkName}.{format.Extension}";

    public void Dispose() => cache.Dispose();
}
