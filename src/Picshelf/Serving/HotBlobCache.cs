using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Picshelf.Images;
using Picshelf.Media;

namespace Picshelf.Serving;

/// <summary>
/// The bytes of recently served direct links, keyed by the link's name (<c>abcdefg</c> for the
/// original, <c>abcdefgm</c> for a thumbnail) so a hit allocates nothing, and bounded by
/// <see cref="ServingOptions.HotCacheBytes"/>. Blobs are immutable while their image lives, so an
/// entry is only ever removed, never refreshed.
/// </summary>
public sealed class HotBlobCache : IImageBytesCache, IDisposable
{
    private readonly MemoryCache cache;
    private readonly long largestEntry;

    public HotBlobCache(IOptions<ServingOptions> options)
    {
        var capacity = Math.Max(0, options.Value.HotCacheBytes);
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, capacity), CompactionPercentage = 0.25 });
        // One huge original must not push out hundreds of thumbnails.
        largestEntry = capacity / 16;
    }

    public bool TryGet(string name, out CachedBlob? blob) => cache.TryGetValue(name, out blob);

    public bool Fits(long length) => length <= largestEntry;

    public void Add(string name, CachedBlob blob)
    {
        if (Fits(blob.Bytes.Length))
        {
            cache.Set(name, blob, new MemoryCacheEntryOptions { Size = blob.Bytes.Length + 256, SlidingExpiration = TimeSpan.FromHours(1) });
        }
    }

    /// <summary>Drops the original and every thumbnail of an image.</summary>
    public void ForgetImage(string imageId)
    {
        cache.Remove(imageId);
        foreach (var size in ThumbnailSize.All)
        {
            cache.Remove(imageId + size.Suffix);
        }
    }

    public void Dispose() => cache.Dispose();
}
