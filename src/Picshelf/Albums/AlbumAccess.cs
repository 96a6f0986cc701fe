using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Albums;

/// <summary>
/// Who may change an album: whoever presents its deletehash, or its owner by id. An anonymous album has no
/// owner, so by id it is 403: it is managed through its deletehash only. One check for every write route.
/// </summary>
public static class AlbumAccess
{
    public static async Task<Album> ForWriteAsync(PicshelfDb db, Caller caller, string albumIdOrDeleteHash, CancellationToken cancellationToken)
    {
        if (!IdGenerator.IsWellFormed(albumIdOrDeleteHash))
        {
            throw AccountAlbums.NotFound(albumIdOrDeleteHash);
        }
        if (albumIdOrDeleteHash.Length == IdGenerator.DeleteHashLength
            && await db.Albums.AsNoTracking().SingleOrDefaultAsync(a => a.DeleteHash == albumIdOrDeleteHash, cancellationToken) is { } byDeleteHash)
        {
            return byDeleteHash;
        }
        var album = await db.Albums.AsNoTracking().SingleOrDefaultAsync(a => a.Id == albumIdOrDeleteHash, cancellationToken)
            ?? throw AccountAlbums.NotFound(albumIdOrDeleteHash);
        if (album.AccountId is null)
        {
            throw ApiException.Forbidden("This album is anonymous: change or delete it with its deletehash");
        }
        return album.AccountId == caller.AccountId ? album : throw ApiException.Forbidden("You are not the owner of this album");
    }

    public static async Task<Album> ForReadAsync(PicshelfDb db, string albumId, CancellationToken cancellationToken) =>
        (IdGenerator.IsWellFormed(albumId) ? await db.Albums.AsNoTracking().SingleOrDefaultAsync(a => a.Id == albumId, cancellationToken) : null)
            ?? throw AccountAlbums.NotFound(albumId);
}
