using Microsoft.EntityFrameworkCore;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Gallery;

/// <summary>The gallery's answer to which images and albums are posted: a gallery item has the id of what it shows.</summary>
public sealed class GalleryMembership(PicshelfDb db) : IGalleryMembership
{
    public Task<List<string>> PostedAsync(IReadOnlyCollection<string> ids, bool albums, CancellationToken cancellationToken) =>
        db.GalleryItems.Where(g => g.IsAlbum == albums && ids.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken);

    public Task WithdrawAsync(IReadOnlyCollection<string> imageIds, string? albumId, CancellationToken cancellationToken) =>
        db.GalleryItems.Where(g => (g.Id == albumId && g.IsAlbum) || (imageIds.Contains(g.Id) && !g.IsAlbum)).ExecuteDeleteAsync(cancellationToken);
}
