using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Picshelf.Media;

/// <summary>
/// The bytes of recently served blobs, bounded by <see cref="MediaOptions.HotCacheBytes"/>. Blobs are
/// immutable while their image lives, so an entry is only ever removed, never refreshed.
/// </summary>
public sealed class HotBlobCache : IDisposable
{
    private readonly MemoryCache cache;
    private readonly long largestEntry;

    public HotBlobCache(IOptions<MediaOptions> options)
    {
        var capacity = Math.Max(0, options.Value.HotCacheBytes);
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, capacity), CompactionPercentage = 0.25 });
        // One huge original must not push out hundreds of thumbnails.
        largestEntry = capacity / 16;
    }

    public bool TryGet(string key, out CachedBlob? blob) => cache.TryGetValue(key, out blob);

    public bool Fits(long length) => length <= largestEntry;

    public void Add(string key, CachedBlob blob)
    {
        if (Fits(blob.Bytes.Length))
        {
            cache.Set(key, blob, new MemoryCacheEntryOptions { Size = blob.Bytes.Length + 64, SlidingExpiration = TimeSpan.FromHours(1) });
        }
    }

    public void Forget(string key) => cache.Remove(key);

    public void Dispose() => cache.Dispose();
}

public sealed record CachedBlob(byte[] Bytes, string ContentType);
