using Microsoft.EntityFrameworkCore;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Gallery;

/// <summary>The gallery's answer to which images and albums are posted: a gallery item has the id of what it shows.</summary>
public sealed class GalleryMembership(PicshelfDb db, IDatabaseDialect dialect, GallerySearch search, GalleryPostDeletion deletion) : IGalleryMembership
{
    public IQueryable<string> PostedImageIds => db.GalleryItems.Where(g => !g.IsAlbum).Select(g => g.Id);

    public async Task<GalleryPosts> PostedAsync(IReadOnlyCollection<string> albumIds, IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        var posts = new GalleryPosts([], []);
        if (albumIds.Count + imageIds.Count == 0)
        {
            return posts;
        }
        // One list, so the lookup is by the primary key; which kind each asked id was is sorted out here.
        var ids = albumIds.Concat(imageIds).Distinct().ToList();
        var posted = await db.GalleryItems.Where(g => ids.Contains(g.Id)).Select(g => new { g.Id, g.IsAlbum }).ToListAsync(cancellationToken);
        foreach (var post in posted)
        {
            var (asked, found) = post.IsAlbum ? (albumIds, posts.Albums) : (imageIds, posts.Images);
            if (asked.Contains(post.Id))
            {
                found.Add(post.Id);
            }
        }
        return posts;
    }

    public async Task WithdrawAsync(IReadOnlyCollection<string> imageIds, string? albumId, CancellationToken cancellationToken)
    {
        var withdrawn = await db.GalleryItems.Where(g => (g.Id == albumId && g.IsAlbum) || (imageIds.Contains(g.Id) && !g.IsAlbum))
            .Select(g => g.Id).ToListAsync(cancellationToken);
        await using var locks = await HeldLocks.TakeAsync(withdrawn.Order(StringComparer.Ordinal), id => dialect.LockGalleryItemAsync(db, id, cancellationToken));
        await deletion.DeleteAsync(withdrawn, cancellationToken);
    }

    public async Task TextChangedAsync(string id, CancellationToken cancellationToken)
    {
        if (await db.GalleryItems.AnyAsync(g => g.Id == id, cancellationToken))
        {
            await search.IndexAsync(id, cancellationToken);
        }
    }
}
