using Microsoft.EntityFrameworkCore;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Gallery;

/// <summary>The gallery's answer to which images and albums are posted: a gallery item has the id of what it shows.</summary>
public sealed class GalleryMembership(PicshelfDb db, GallerySearch search) : IGalleryMembership
{
    public Task<List<string>> PostedAsync(IReadOnlyCollection<string> ids, bool albums, CancellationToken cancellationToken) =>
        db.GalleryItems.Where(g => g.IsAlbum == albums && ids.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken);

    public async Task WithdrawAsync(IReadOnlyCollection<string> imageIds, string? albumId, CancellationToken cancellationToken)
    {
        var withdrawn = await db.GalleryItems.Where(g => (g.Id == albumId && g.IsAlbum) || (imageIds.Contains(g.Id) && !g.IsAlbum))
            .Select(g => g.Id).ToListAsync(cancellationToken);
        await db.GalleryItems.Where(g => withdrawn.Contains(g.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var id in withdrawn)
        {
            await search.IndexAsync(id, cancellationToken);
        }
    }

    public async Task TextChangedAsync(string id, CancellationToken cancellationToken)
    {
        if (await db.GalleryItems.AnyAsync(g => g.Id == id, cancellationToken))
        {
            await search.IndexAsync(id, cancellationToken);
        }
    }
}
