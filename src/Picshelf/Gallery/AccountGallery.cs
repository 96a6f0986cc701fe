using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Gallery;

/// <summary>
/// What the Account routes show of an account's part in the gallery: its submissions, its gallery favorites
/// and its totals. Shared images are listed; shared albums join when albums can be shared. A page is chosen
/// first and counted after, so a long history costs no more than a short one.
/// </summary>
public sealed class AccountGallery(PicshelfDb db, ImagePresenter images)
{
    // Member-initialized, not positional: EF Core sorts and pages on its properties.
    private sealed class Entry
    {
        public required GalleryItem Item { get; init; }
        public required Image Image { get; init; }
        public required string Submitter { get; init; }
        public long SortKey { get; init; }
    }

    public async Task<List<GalleryImageModel>> SubmissionsAsync(HttpContext context, Caller caller, Account account, string? sort, Paging paging,
        CancellationToken cancellationToken)
    {
        var entries =
            from item in db.GalleryItems.AsNoTracking()
            where item.AccountId == account.Id
            join image in db.Images on item.Id equals image.Id
            select new Entry { Item = item, Image = image, Submitter = account.Username, SortKey = item.CreatedAt };
        var order = ListSort.Parse(sort, ListSort.Newest, ListSort.Oldest, ListSort.Best, ListSort.Worst);
        var ordered = ListSort.Order(entries, order, e => e.SortKey, e => e.Item.Id, e => e.Item.Ups - e.Item.Downs);
        return await ModelsAsync(context, caller, await ordered.Skip(paging.Skip).Take(paging.PerPage).ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>The gallery items the account favorited, by when it favorited them.</summary>
    public async Task<List<GalleryImageModel>> FavoritesAsync(HttpContext context, Caller caller, Account account, string? sort, Paging paging,
        CancellationToken cancellationToken)
    {
        var entries =
            from favorite in db.GalleryFavorites.AsNoTracking()
            where favorite.AccountId == account.Id
            join item in db.GalleryItems on favorite.ItemId equals item.Id
            join image in db.Images on item.Id equals image.Id
            join submitter in db.Accounts on item.AccountId equals submitter.Id
            select new Entry { Item = item, Image = image, Submitter = submitter.Username, SortKey = favorite.CreatedAt };
        var ordered = ListSort.Order(entries, ListSort.Parse(sort, ListSort.Newest, ListSort.Oldest), e => e.SortKey, e => e.Item.Id);
        return await ModelsAsync(context, caller, await ordered.Skip(paging.Skip).Take(paging.PerPage).ToListAsync(cancellationToken), cancellationToken);
    }

    public async Task<GalleryProfileModel> ProfileAsync(Account account, CancellationToken cancellationToken) => new(
        await db.Comments.CountAsync(c => c.AccountId == account.Id && !c.Deleted, cancellationToken),
        await db.GalleryFavorites.CountAsync(f => f.AccountId == account.Id, cancellationToken),
        await db.GalleryItems.CountAsync(i => i.AccountId == account.Id, cancellationToken),
        []);

    private async Task<List<GalleryImageModel>> ModelsAsync(HttpContext context, Caller caller, List<Entry> page, CancellationToken cancellationToken)
    {
        var ids = page.Select(e => e.Item.Id).ToList();
        var comments = await db.Comments.Where(c => ids.Contains(c.ImageId) && !c.Deleted).GroupBy(c => c.ImageId)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        var favorites = await db.GalleryFavorites.Where(f => ids.Contains(f.ItemId)).GroupBy(f => f.ItemId)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        var favoritedByCaller = caller.AccountId is { } callerId
            ? await db.ImageFavorites.Where(f => f.AccountId == callerId && ids.Contains(f.ImageId)).Select(f => f.ImageId).ToListAsync(cancellationToken)
            : [];
        return page.Select(e => new GalleryImageModel(
            images.Present(context, e.Image, e.Submitter, favoritedByCaller.Contains(e.Image.Id), revealSecrets: false, inGallery: true),
            e.Item, comments.GetValueOrDefault(e.Item.Id), favorites.GetValueOrDefault(e.Item.Id))).ToList();
    }
}
