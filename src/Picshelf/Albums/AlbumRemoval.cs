using Microsoft.EntityFrameworkCore;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Albums;

/// <summary>
/// The one way an album is deleted, by the album routes and the account's. The album leaves the gallery; its
/// images stay (Imgur's behaviour), except anonymous images that were uploaded into it with <c>album=</c>: nobody
/// but the album's deletehash holder could reach them, so they go with it.
/// </summary>
public sealed class AlbumRemoval(PicshelfDb db, ImageRemoval images)
{
    /// <summary>False when the album was already gone (a concurrent delete won).</summary>
    public async Task<bool> DeleteAsync(string albumId, CancellationToken cancellationToken)
    {
        var uploadedInto = await (
            from place in db.AlbumImages
            where place.AlbumId == albumId && place.AddedByUpload
            join image in db.Images on place.ImageId equals image.Id
            where image.AccountId == null
            select image.Id).ToListAsync(cancellationToken);
        await db.GalleryItems.Where(g => g.Id == albumId && g.IsAlbum).ExecuteDeleteAsync(cancellationToken);
        // Its places and favorites go with the row through their foreign keys.
        if (await db.Albums.Where(a => a.Id == albumId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return false;
        }
        foreach (var imageId in uploadedInto)
        {
            await images.DeleteAsync(imageId, CancellationToken.None);
        }
        return true;
    }
}
