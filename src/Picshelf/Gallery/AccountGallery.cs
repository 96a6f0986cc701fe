using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Gallery;

/// <summary>
/// What the Account routes show of an account's part in the gallery: its posts, the posts it favorited (an image or
/// album favorited through its own route is a gallery favorite once it is in the gallery) and its totals. A page is
/// chosen first and presented after, so a long history costs no more than a short one. The account itself sees all of
/// them; anybody else sees what the public lists would show: no post hidden by reports, and mature posts only for a
/// signed-in caller whose <c>show_mature</c> is on.
/// </summary>
public sealed class AccountGallery(PicshelfDb db, GalleryPresenter presenter, GalleryLists lists, IPostComments postComments)
{
    // Member-initialized, not positional: EF Core sorts and pages on its properties.
    private sealed class Entry
    {
        public required GalleryItem Item { get; init; }
        public long SortKey { get; init; }
    }

    public async Task<List<JsonElement>> SubmissionsAsync(HttpContext context, Caller caller, Account account, string? sort, Paging paging,
        CancellationToken cancellationToken)
    {
        var entries = (await VisibleAsync(caller, account, cancellationToken)).Where(i => i.AccountId == account.Id)
            .Select(i => new Entry { Item = i, SortKey = i.CreatedAt });
        var order = ListSort.Parse(sort, ListSort.Newest, ListSort.Oldest, ListSort.Best, ListSort.Worst);
        var ordered = ListSort.Order(entries, order, e => e.SortKey, e => e.Item.Id, e => e.Item.Score);
        return await PageAsync(context, caller, ordered, paging, cancellationToken);
    }

    /// <summary>The gallery posts the account favorited, by when it favorited them.</summary>
    public async Task<List<JsonElement>> FavoritesAsync(HttpContext context, Caller caller, Account account, string? sort, Paging paging,
        CancellationToken cancellationToken)
    {
        var entries =
            from favorite in Favorites(account.Id)
            join item in await VisibleAsync(caller, account, cancellationToken) on favorite.Id equals item.Id
            select new Entry { Item = item, SortKey = favorite.CreatedAt };
        var ordered = ListSort.Order(entries, ListSort.Parse(sort, ListSort.Newest, ListSort.Oldest), e => e.SortKey, e => e.Item.Id);
        return await PageAsync(context, caller, ordered, paging, cancellationToken);
    }

    /// <summary>The totals count the posts its lists show this caller: a post hidden by reports is not counted for anybody else.</summary>
    public async Task<GalleryProfileModel> ProfileAsync(Caller caller, Account account, CancellationToken cancellationToken)
    {
        var visible = await VisibleAsync(caller, account, cancellationToken);
        return new(
            await postComments.CountByAuthorAsync(account.Id, cancellationToken),
            await (from favorite in Favorites(account.Id) join item in visible on favorite.Id equals item.Id select item.Id).CountAsync(cancellationToken),
            await visible.CountAsync(i => i.AccountId == account.Id, cancellationToken),
            []);
    }

    private async Task<IQueryable<GalleryItem>> VisibleAsync(Caller caller, Account account, CancellationToken cancellationToken)
    {
        var items = db.GalleryItems.AsNoTracking();
        if (caller.AccountId == account.Id)
        {
            return items;
        }
        items = items.Where(i => !i.Hidden);
        return await lists.ShowsMatureAsync(caller.AccountId is not null, caller, cancellationToken) ? items : items.Where(i => !i.Mature);
    }

    /// <summary>The account's image and album favorites; ids are unique across both, so a post matches by id alone.</summary>
    private IQueryable<FavoriteRow> Favorites(int accountId) =>
        db.ImageFavorites.Where(f => f.AccountId == accountId).Select(f => new FavoriteRow { Id = f.ImageId, CreatedAt = f.CreatedAt })
            .Concat(db.AlbumFavorites.Where(f => f.AccountId == accountId).Select(f => new FavoriteRow { Id = f.AlbumId, CreatedAt = f.CreatedAt }));

    private sealed class FavoriteRow
    {
        public required string Id { get; init; }
        public long CreatedAt { get; init; }
    }

    private async Task<List<JsonElement>> PageAsync(HttpContext context, Caller caller, IOrderedQueryable<Entry> ordered, Paging paging,
        CancellationToken cancellationToken)
    {
        var page = await ordered.Skip(paging.Skip).Take(paging.PerPage).Select(e => e.Item).ToListAsync(cancellationToken);
        return await presenter.ModelsAsync(context, caller, page, albumImages: false, cancellationToken);
    }
}
