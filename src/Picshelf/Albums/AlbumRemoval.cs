using Microsoft.EntityFrameworkCore;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Albums;

/// <summary>
/// The one way an album is deleted, by the album routes and the account's. The album leaves the gallery; its
/// images stay (Imgur's behaviour), except anonymous images that were uploaded into it with <c>album=</c> and
/// are in no other album: they were made for this album, and go with it. The rows go in one transaction under
/// the album's lock, the files after.
/// </summary>
public sealed class AlbumRemoval(PicshelfDb db, IDatabaseDialect dialect, ImageRemoval images, IGalleryMembership gallery, AlbumChanges changes)
{
    /// <summary>False when the album was already gone (a concurrent delete won).</summary>
    public async Task<bool> DeleteAsync(string albumId, CancellationToken cancellationToken)
    {
        List<string> uploadedInto;
        var done = CancellationToken.None;
        await using (var transaction = await dialect.BeginWriteAsync(db, done))
        await using (await dialect.LockAlbumAsync(db, albumId, cancellationToken))
        {
            uploadedInto = await (
                from place in db.AlbumImages
                where place.AlbumId == albumId && place.AddedByUpload
                join image in db.Images on place.ImageId equals image.Id
                where image.AccountId == null && !db.AlbumImages.Any(other => other.ImageId == image.Id && other.AlbumId != albumId)
                select image.Id).ToListAsync(done);
            await gallery.WithdrawAsync(uploadedInto, albumId, done);
            // Places and favorites go with the album and image rows through their foreign keys.
            if (await db.Albums.Where(a => a.Id == albumId).ExecuteDeleteAsync(done) == 0)
            {
                return false;
            }
            await db.Images.Where(i => uploadedInto.Contains(i.Id)).ExecuteDeleteAsync(done);
            await transaction.CommitAsync(done);
        }
        changes.Changed(albumId);
        foreach (var imageId in uploadedInto)
        {
            await images.RemoveFilesAsync(imageId);
        }
        return true;
    }
}
