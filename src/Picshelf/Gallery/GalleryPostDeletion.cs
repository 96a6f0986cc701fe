using Microsoft.EntityFrameworkCore;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>
/// The one way posts leave the gallery (their owner or the operator removing one, their image or album deleted, their
/// account deleted): their rows go, with their votes, reports and tags through foreign keys, and their search entries.
/// </summary>
public sealed class GalleryPostDeletion(PicshelfDb db, IDatabaseDialect dialect, GallerySearch search)
{
    /// <summary>Inside the caller's transaction, holding the posts' locks.</summary>
    public async Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        // Their tags' post counts move as the tag rows go: the tags are locked first, in the one order every change of tags takes.
        await dialect.LockTagsAsync(db, await db.GalleryItemTags.Where(t => ids.Contains(t.ItemId)).Select(t => t.TagName).ToListAsync(cancellationToken),
            cancellationToken);
        await db.GalleryItems.Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var id in ids)
        {
            await search.IndexAsync(id, cancellationToken);
        }
    }
}
