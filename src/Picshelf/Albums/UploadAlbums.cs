using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Albums;

/// <summary>
/// An upload with <c>album=</c>: the owner's album by id, any album by its deletehash, checked as the album routes check
/// their writers. The image joins at the album's end, under the album's lock, so it orders with concurrent edits.
/// </summary>
public sealed class UploadAlbums(PicshelfDb db, IDatabaseDialect dialect, AlbumChanges changes) : IUploadAlbums
{
    public async Task<string> FindForUploadAsync(Caller caller, string albumIdOrDeleteHash, CancellationToken cancellationToken) =>
        (await AlbumAccess.ForWriteAsync(db, caller, albumIdOrDeleteHash, cancellationToken)).Id;

    public async Task<IAsyncDisposable> AppendAsync(string albumId, string imageId, CancellationToken cancellationToken)
    {
        var albumLock = await dialect.LockAlbumAsync(db, albumId, cancellationToken);
        try
        {
            var last = await db.AlbumImages.Where(p => p.AlbumId == albumId).MaxAsync(p => (int?)p.Position, cancellationToken) ?? -1;
            db.AlbumImages.Add(new AlbumImage { AlbumId = albumId, ImageId = imageId, Position = last + 1, AddedByUpload = true });
            return changes.AnnouncedOnRelease(albumLock, albumId);
        }
        catch
        {
            await albumLock.DisposeAsync();
            throw;
        }
    }

    public async Task ThrowIfGoneAsync(string albumId, string albumIdOrDeleteHash, CancellationToken cancellationToken)
    {
        if (!await db.Albums.AnyAsync(a => a.Id == albumId, cancellationToken))
        {
            throw AlbumAccess.NotFound(albumIdOrDeleteHash);
        }
    }
}
