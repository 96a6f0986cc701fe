using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>
/// An account's posts and votes would go with it through their foreign keys, but two things they leave behind are not
/// rows that name the account: its posts' entries in the search index, and the tallies its votes added to other
/// posts and their tags. Those are taken out here, in the deletion's transaction, each post under its lock as votes
/// take it, so the tallies stay exact.
/// </summary>
public sealed class GalleryAccountDeletion(PicshelfDb db, IDatabaseDialect dialect, GalleryPostDeletion deletion) : IAccountDeletionStep
{
    public async Task<Func<Task>> DeleteAsync(int accountId, CancellationToken cancellationToken)
    {
        var voted = await db.GalleryVotes.Where(v => v.AccountId == accountId).Select(v => v.ItemId)
            .Union(db.GalleryTagVotes.Where(v => v.AccountId == accountId).Select(v => v.ItemId))
            .ToListAsync(cancellationToken);
        var posts = await db.GalleryItems.Where(i => i.AccountId == accountId).Select(i => i.Id).ToListAsync(cancellationToken);
        await using var locks = await HeldLocks.TakeAsync(voted.Union(posts).Order(StringComparer.Ordinal),
            itemId => dialect.LockGalleryItemAsync(db, itemId, cancellationToken));
        foreach (var itemId in voted)
        {
            await db.GalleryVotes.Where(v => v.ItemId == itemId && v.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
            await db.GalleryTagVotes.Where(v => v.ItemId == itemId && v.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
            await RecountAsync(itemId, cancellationToken);
        }
        await deletion.DeleteAsync(posts, cancellationToken);
        return () => Task.CompletedTask;
    }

    /// <summary>The post's and its tags' tallies from the votes that remain; its ranking follows its tallies.</summary>
    private async Task RecountAsync(string itemId, CancellationToken cancellationToken)
    {
        var item = await db.GalleryItems.AsNoTracking().Where(i => i.Id == itemId).Select(i => new
        {
            i.CreatedAt,
            Ups = db.GalleryVotes.Count(v => v.ItemId == itemId && v.Up),
            Downs = db.GalleryVotes.Count(v => v.ItemId == itemId && !v.Up),
        }).SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return;
        }
        await db.GalleryItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(set => set
            .SetProperty(i => i.Ups, item.Ups)
            .SetProperty(i => i.Downs, item.Downs)
            .SetProperty(i => i.Score, item.Ups - item.Downs)
            .SetProperty(i => i.HotScore, GalleryRanking.Hot(item.Ups, item.Downs, item.CreatedAt)), cancellationToken);
        await db.GalleryItemTags.Where(t => t.ItemId == itemId).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.Ups, t => db.GalleryTagVotes.Count(v => v.ItemId == t.ItemId && v.TagName == t.TagName && v.Up))
            .SetProperty(t => t.Downs, t => db.GalleryTagVotes.Count(v => v.ItemId == t.ItemId && v.TagName == t.TagName && !v.Up)), cancellationToken);
    }
}
