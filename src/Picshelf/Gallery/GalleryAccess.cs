using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>Finding a gallery post by its id, and who may change the gallery: anyone reads it, only accounts write to it.</summary>
public static class GalleryAccess
{
    /// <summary>The caller's account: sharing, voting and reporting need a Bearer token, and without one the answer is 401, as Imgur's.</summary>
    public static int SignedIn(Caller caller) => caller.AccountId ?? throw ApiException.Unauthorized("This method requires authentication");

    /// <summary>
    /// First in a transaction that writes rows naming the account (votes, posts, comments): a deletion of the account
    /// waits for it, or it for the deletion, and an account deleted meanwhile is refused as its token is.
    /// </summary>
    public static async Task HoldAccountAsync(PicshelfDb db, IDatabaseDialect dialect, int accountId, CancellationToken cancellationToken)
    {
        if (!await dialect.LockAccountAsync(db, accountId, exclusive: false, cancellationToken))
        {
            throw ApiException.InvalidToken();
        }
    }

    public static async Task<GalleryItem> FindAsync(PicshelfDb db, string id, GalleryItemKind kind, CancellationToken cancellationToken) =>
        (IdGenerator.IsWellFormed(id) ? await db.GalleryItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken) : null) is { } item
        && (kind == GalleryItemKind.Any || item.IsAlbum == (kind == GalleryItemKind.Album))
            ? item
            : throw NotFound(id);

    public static ApiException NotFound(string id) => ApiException.NotFound($"Unable to find a gallery post with the id, {id}");
}
