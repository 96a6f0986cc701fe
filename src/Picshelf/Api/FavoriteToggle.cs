using Microsoft.EntityFrameworkCore;
using Picshelf.Data;

namespace Picshelf.Api;

/// <summary>
/// Imgur's favorite toggle, for images and albums alike: a favorite that exists is removed ("unfavorited"),
/// otherwise it is added ("favorited"). Two toggles racing to add end favorited; an item deleted meanwhile is 404.
/// </summary>
public static class FavoriteToggle
{
    public static async Task<string> ToggleAsync<TFavorite>(PicshelfDb db, IQueryable<TFavorite> existing, TFavorite favorite,
        Func<Task<bool>> itemExists, ApiException notFound, CancellationToken cancellationToken) where TFavorite : class
    {
        if (await existing.ExecuteDeleteAsync(cancellationToken) > 0)
        {
            return "unfavorited";
        }
        db.Set<TFavorite>().Add(favorite);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(favorite).State = EntityState.Detached;
            return await itemExists() ? "favorited" : throw notFound;
        }
        return "favorited";
    }
}
