using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Images;

/// <summary>
/// Image rows by id, cached in memory so direct links and metadata reads cost no database hit.
/// Every write to an image goes through <see cref="Forget"/> (its view counts through <see cref="ForgetCounts"/>), which reaches every process through
/// <see cref="CacheInvalidation"/>. Misses are cached for a few seconds, which bounds repeated probes
/// of one id; the cache's size limit bounds probes of many. Shared by several processes, a row lives a
/// minute at most, which bounds what a lost invalidation message can leave stale.
/// </summary>
public sealed class ImageDirectory : IDisposable
{
    /// <summary>The kind of entry <see cref="CacheInvalidation"/> forgets for an image: every write to it and its post.</summary>
    public const string Kind = "image";

    /// <summary>
    /// The kind forgotten when only an image's view and bandwidth counts were written: the row is read again as for
    /// <see cref="Kind"/>, but what shows the image without its counts (an album page) need not be read again.
    /// </summary>
    public const string CountsKind = "image-counts";

    // Its own cache, keyed by the bare id, so a hit on the direct-link path allocates no key.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 200_000 });
    private readonly IServiceScopeFactory scopes;
    private readonly CacheInvalidation invalidation;

    private readonly TimeSpan hitLifetime;
    private static readonly TimeSpan MissLifetime = TimeSpan.FromSeconds(5);

    // Forgets counted per stripe of ids: a read caches nothing if its id's stripe moved meanwhile, and a
    // stream of forgets for other images (view counts written every few seconds) does not stop it caching.
    private readonly long[] forgets = new long[256];

    public ImageDirectory(IServiceScopeFactory scopes, CacheInvalidation invalidation)
    {
        this.scopes = scopes;
        this.invalidation = invalidation;
        hitLifetime = invalidation.IsShared ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(10);
        invalidation.Listen(Kind, ForgetHere, ForgetEverythingHere);
        invalidation.Listen(CountsKind, ForgetHere);
    }

    private int StripeOf(string id) => (int)((uint)StringComparer.Ordinal.GetHashCode(id) % (uint)forgets.Length);

    public async ValueTask<ImageEntry?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IdGenerator.IsWellFormed(id))
        {
            return null;
        }
        if (cache.TryGetValue(id, out ImageEntry? entry))
        {
            return entry;
        }
        var stripe = StripeOf(id);
        var forgetsBefore = Interlocked.Read(ref forgets[stripe]);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PicshelfDb>();
        var postedImageIds = scope.ServiceProvider.GetRequiredService<IGalleryMembership>().PostedImageIds;
        entry = await (
            from i in db.Images.AsNoTracking()
            where i.Id == id
            select new ImageEntry(i, db.Accounts.Where(a => a.Id == i.AccountId).Select(a => a.Username).FirstOrDefault(), postedImageIds.Contains(i.Id)))
            .SingleOrDefaultAsync(cancellationToken);
        // A write that happened while this row was read may have been missed by the read: cache nothing then.
        if (Interlocked.Read(ref forgets[stripe]) == forgetsBefore)
        {
            cache.Set(id, entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = entry is null ? MissLifetime : hitLifetime });
            // A Forget that counted after the check above may have removed before this Set: take the entry back.
            if (Interlocked.Read(ref forgets[stripe]) != forgetsBefore)
            {
                cache.Remove(id);
            }
        }
        return entry;
    }

    public void Forget(params IReadOnlyCollection<string> ids) => invalidation.Forget(Kind, ids);

    /// <summary>The images' counts were written (<see cref="CountsKind"/>).</summary>
    public void ForgetCounts(IReadOnlyCollection<string> ids) => invalidation.Forget(CountsKind, ids);

    private void ForgetHere(string id)
    {
        Interlocked.Increment(ref forgets[StripeOf(id)]);
        cache.Remove(id);
    }

    private void ForgetEverythingHere()
    {
        for (var i = 0; i < forgets.Length; i++)
        {
            Interlocked.Increment(ref forgets[i]);
        }
        cache.Clear();
    }

    public void Dispose() => cache.Dispose();
}
