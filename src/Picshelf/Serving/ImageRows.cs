using Microsoft.EntityFrameworkCore;
using Picshelf.Data;

namespace Picshelf.Serving;

/// <summary>
/// Whether an image's row still exists, read from the database in a scope of its own. A blob made in the background
/// (a thumbnail, a variant) is checked after it is stored: a delete that ran meanwhile removed the row before its blobs,
/// so checking the row after storing catches every interleaving, and the blob made too late is removed again.
/// </summary>
public static class ImageRows
{
    public static async Task<bool> ExistAsync(IServiceScopeFactory scopes, string imageId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PicshelfDb>().Images.AnyAsync(i => i.Id == imageId, cancellationToken);
    }
}
