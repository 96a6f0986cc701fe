using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Picshelf.Data;

namespace Picshelf.Images;

/// <summary>An image row with its owner's username, as the directory caches it.</summary>
public sealed record ImageEntry(Image Row, string? OwnerUsername);

/// <summary>
/// Image rows by id, cached in memory so direct links and metadata reads cost no database hit.
/// Every write to an image goes through <see cref="Forget"/>; misses are cached briefly too, so
/// probing random ids cannot hammer the database.
/// </summary>
public sealed class ImageDirectory(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private static readonly TimeSpan HitLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MissLifetime = TimeSpan.FromSeconds(5);

    public async ValueTask<ImageEntry?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IdGenerator.IsWellFormed(id))
        {
            return null;
        }
        var key = Key(id);
        if (cache.TryGetValue(key, out ImageEntry? entry))
        {
            return entry;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PicshelfDb>();
        entry = await (
            from i in db.Images.AsNoTracking()
            where i.Id == id
            select new ImageEntry(i, db.Accounts.Where(a => a.Id == i.AccountId).Select(a => a.Username).FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);
        cache.Set(key, entry, entry is null ? MissLifetime : HitLifetime);
        return entry;
    }

    public void Forget(string id) => cache.Remove(Key(id));

    private static string Key(string id) => "image:" + id;
}
