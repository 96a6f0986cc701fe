using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Images;

/// <summary>Images take their ids from the space they share with albums.</summary>
public sealed class ImageIdOwner(PicshelfDb db) : IItemIdOwner
{
    public Task<bool> OwnsAsync(string id, CancellationToken cancellationToken) => db.Images.AnyAsync(i => i.Id == id, cancellationToken);
}
