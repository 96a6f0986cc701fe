using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Albums;

/// <summary>Who may change an album: see <see cref="DeleteHashAccess"/>. Anyone with its id may read it.</summary>
public static class AlbumAccess
{
    public static Task<Album> ForWriteAsync(PicshelfDb db, Caller caller, string albumIdOrDeleteHash, CancellationToken cancellationToken) =>
        DeleteHashAccess.ForWriteAsync(db.Albums, caller, albumIdOrDeleteHash, NotFound,
            "This album is anonymous: change or delete it with its deletehash", "You are not the owner of this album", cancellationToken);

    public static async Task<Album> ForReadAsync(PicshelfDb db, string albumId, CancellationToken cancellationToken) =>
        await FindAsync(db, albumId, cancellationToken) ?? throw NotFound(albumId);

    /// <summary>The album, or null: for a page, whose 404 is its own.</summary>
    public static async Task<Album?> FindAsync(PicshelfDb db, string albumId, CancellationToken cancellationToken) =>
        IdGenerator.IsWellFormed(albumId) ? await db.Albums.AsNoTracking().SingleOrDefaultAsync(a => a.Id == albumId, cancellationToken) : null;

    public static ApiException NotFound(string albumId) => ApiException.NotFound($"Unable to find an album with the id, {albumId}");
}
