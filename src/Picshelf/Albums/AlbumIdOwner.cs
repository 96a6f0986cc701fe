using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Albums;

/// <summary>Albums take their ids from the space they share with images.</summary>
public sealed class AlbumIdOwner(PicshelfDb db) : IItemIdOwner
{
    public Task<bool> OwnsAsync(string id, CancellationToken cancellationToken) => db.Albums.AnyAsync(a => a.Id == id, cancellationToken);
}
