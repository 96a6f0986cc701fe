using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;
using Picshelf.Media;

namespace Picshelf.Gallery;

/// <summary>
/// What the Account routes show of an account's part in the gallery: its submissions, its gallery favorites
/// and its totals. Shared images are listed; shared albums join when albums exist.
/// </summary>
public sealed class AccountGallery(PicshelfDb db, PublicLinks links, ViewCounter views)
{
    // Member-initialized classes, not positional records: EF Core can sort and page on their properties.
    private sealed class Entry
    {
        public required GalleryItem Item { get; init; }
        public long SortKey { get; init; }
    }

    private sealed class Row
    {
        public required GalleryItem Item { get; init; }
        public required Image Image { get; init; }
        public required string Submitter { get; init; }
        public int Comments { get; init; }
        public int Favorites { get; init; }
        public long SortKey { get; init; }
    }

    public async Task<List<GalleryImageModel>> SubmissionsAsync(HttpContext context, Account account, string? sort, Paging paging, CancellationToken cancellationToken)
    {
        var rows = Rows(db.GalleryItems.Where(i => i.AccountId == account.Id).Select(i => new Entry { Item = i, SortKey = i.CreatedAt }));
        var ordered = (sort ?? "newest") switch
        {
            "newest" => rows.OrderByDescending(r => r.SortKey).ThenBy(r => r.Item.Id),
            "oldest" => rows.OrderBy(r => r.SortKey).ThenBy(r => r.Item.Id),
            "best" => rows.OrderByDescending(r => r.Item.Ups - r.Item.Downs).ThenBy(r => r.Item.Id),
            "worst" => rows.OrderBy(r => r.Item.Ups - r.Item.Downs).ThenBy(r => r.Item.Id),
            _ => throw ApiException.BadRequest("sort must be newest, oldest, best or worst"),
        };
        return Models(context, await ordered.Skip(paging.Skip).Take(paging.PerPage).ToListAsync(cancellationToken), favorite: false);
    }

    /// <summary>The gallery items the account favorited, by when it favorited them.</summary>
    public async Task<List<GalleryImageModel>> FavoritesAsync(HttpContext context, Account account, string? sort, Paging paging, CancellationToken cancellationToken)
    {
        var rows = Rows(
            from favorite in db.GalleryFavorites
            where favorite.AccountId == account.Id
            join item in db.GalleryItems on favorite.ItemId equals item.Id
            select new Entry { Item = item, SortKey = favorite.CreatedAt });
        var ordered = (sort ?? "newest") switch
        {
            "newest" => rows.OrderByDescending(r => r.SortKey).ThenBy(r => r.Item.Id),
            "oldest" => rows.OrderBy(r => r.SortKey).ThenBy(r => r.Item.Id),
            _ => throw ApiException.BadRequest("sort must be newest or oldest"),
        };
        return Models(context, await ordered.Skip(paging.Skip).Take(paging.PerPage).ToListAsync(cancellationToken), favorite: account.Id == CallerAccount(context));
    }

    public async Task<GalleryProfileModel> ProfileAsync(Account account, CancellationToken cancellationToken) => new(
        await db.Comments.CountAsync(c => c.AccountId == account.Id && !c.Deleted, cancellationToken),
        await db.GalleryFavorites.CountAsync(f => f.AccountId == account.Id, cancellationToken),
        await db.GalleryItems.CountAsync(i => i.AccountId == account.Id, cancellationToken),
        []);

    private IQueryable<Row> Rows(IQueryable<Entry> entries) =>
        from entry in entries
        join image in db.Images on entry.Item.Id equals image.Id
        join submitter in db.Accounts on entry.Item.AccountId equals submitter.Id
        select new Row
        {
            Item = entry.Item,
            Image = image,
            Submitter = submitter.Username,
            Comments = db.Comments.Count(c => c.ImageId == entry.Item.Id && !c.Deleted),
            Favorites = db.GalleryFavorites.Count(f => f.ItemId == entry.Item.Id),
            SortKey = entry.SortKey,
        };

    private List<GalleryImageModel> Models(HttpContext context, List<Row> rows, bool favorite) =>
        rows.Select(r => new GalleryImageModel(
            r.Image.ToModel(links.DirectLink(context, r.Image.Id, r.Image.Type), r.Submitter, views.Pending(r.Image.Id), favorite, revealSecrets: false),
            r.Item, r.Comments, r.Favorites)).ToList();

    private static int? CallerAccount(HttpContext context) => context.Features.Get<Caller>()?.AccountId;
}
