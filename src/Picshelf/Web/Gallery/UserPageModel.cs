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
/// than a link shared with anyone would: no hidden or secret album, no hidden or mature post. An unknown name is the 404 page.
/// </summary>
public sealed class UserPageModel(PicshelfDb db, AccountGallery gallery, AccountAlbums albums, PublicLinks links) : PageModel
{
    public string Username { get; private set; } = "";
    public IReadOnlyList<GalleryCard> Submissions { get; private set; } = [];
    public IReadOnlyList<AlbumModel> Albums { get; private set; } = [];
    public IReadOnlyList<GalleryCard> Favorites { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
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
        var first = new Paging(0, Paging.DefaultPerPage);
        Submissions = GalleryCard.Of(HttpContext, links, await gallery.SubmissionsAsync(HttpContext, stranger, account, null, first, cancellationToken));
        Albums = await albums.ListAsync(HttpContext, account, stranger, first, cancellationToken);
        Favorites = GalleryCard.Of(HttpContext, links, await gallery.FavoritesAsync(HttpContext, stranger, account, null, first, cancellationToken));
        return Page();
    }
}
