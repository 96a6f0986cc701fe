using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Accounts;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Gallery;

namespace Picshelf.Web;

/// <summary>
/// <c>/user/{name}</c>: an account's public face, as <c>/3/account/{name}/submissions</c>, <c>/albums</c> and
/// <c>/gallery_favorites</c> show it to a stranger, whoever is reading (the owner included), so the page never shows more
/// than a link shared with anyone would: no hidden or secret album, no hidden or mature post. The page shows the first
/// page of each list; <c>/user/{name}/posts</c>, <c>/albums</c> and <c>/favorites</c> show one list, paged with
/// <c>?page=</c> from 0 as the API's. An unknown name or list, or a page past the end, is the 404 page.
/// </summary>
public sealed class UserPageModel(PicshelfDb db, AccountGallery gallery, AccountAlbums albums, PublicLinks links) : PageModel
{
    public const string PostsList = "posts";
    public const string AlbumsList = "albums";
    public const string FavoritesList = "favorites";
    public static readonly string[] Lists = [PostsList, AlbumsList, FavoritesList];

    public string Username { get; private set; } = "";

    /// <summary>The one list shown; null for the first page of each.</summary>
    public string? List { get; private set; }

    public IReadOnlyList<GalleryCard> Submissions { get; private set; } = [];
    public IReadOnlyList<AlbumModel> Albums { get; private set; } = [];
    public IReadOnlyList<GalleryCard> Favorites { get; private set; } = [];

    /// <summary>The links either side of the one list shown.</summary>
    public GalleryPaging? Pages { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name, string? list, CancellationToken cancellationToken)
    {
        if ((list is not null && !Lists.Contains(list)) || GalleryPaging.PageOf(Request) is not { } page || (list is null && page > 0))
        {
            return NotFound();
        }
        var stranger = Caller.Anonymous(HttpContext.Connection.RemoteIpAddress);
        Account account;
        try
        {
            account = await AccountLookup.FindAsync(db, stranger, name, cancellationToken);
        }
        catch (ApiException)
        {
            return NotFound();
        }
        Username = account.Username;
        List = list;
        var paging = new Paging(page, Paging.DefaultPerPage);
        var shown = 0;
        if (list is null or PostsList)
        {
            Submissions = GalleryCard.Of(HttpContext, links, await gallery.SubmissionsAsync(HttpContext, stranger, account, null, paging, cancellationToken));
            shown = Submissions.Count;
        }
        if (list is null or AlbumsList)
        {
            Albums = await albums.ListAsync(HttpContext, account, stranger, paging, cancellationToken);
            shown = Albums.Count;
        }
        if (list is null or FavoritesList)
        {
            Favorites = GalleryCard.Of(HttpContext, links, await gallery.FavoritesAsync(HttpContext, stranger, account, null, paging, cancellationToken));
            shown = Favorites.Count;
        }
        if (list is null)
        {
            return Page();
        }
        Pages = GalleryPaging.Around(page, shown, number => LinkTo(list, number), Paging.DefaultPerPage);
        return page > 0 && shown == 0 ? NotFound() : Page();
    }

    /// <summary>A page of one list; the page from 0.</summary>
    public string LinkTo(string list, int page) =>
        GalleryPaging.Query($"/user/{Uri.EscapeDataString(Username)}/{list}", ("page", page > 0 ? page.ToString(CultureInfo.InvariantCulture) : null));

    /// <summary>Whether a list shown on the first page has more than that page: a full one may.</summary>
    public bool MayHaveMore(int count) => List is null && count == Paging.DefaultPerPage;
}
