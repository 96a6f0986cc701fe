using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Web;

/// <summary>
/// <c>/a/{id}</c>: an album as <c>GET /3/album/{id}</c> shows it to a reader without credentials, read by the same two
/// calls (so as many queries for 50 images as for one). Privacy decides listing, not reach: a hidden or secret album
/// opens for whoever has its link, as in the API, and asks search engines not to list it. What a signed-out reader gets is
/// kept for the next one (<see cref="ItemPageCache"/>).
/// </summary>
[OutputCache(PolicyName = ItemPageCache.Policy)]
public sealed class AlbumPageModel(PicshelfDb db, AlbumPresenter presenter, PageLinks links, IOptions<SiteNameOptions> site, ItemPageCache cache)
    : PageModel
{
    public AlbumModel Album { get; private set; } = null!;
    public ShareTags Share { get; private set; } = null!;
    public string Title => ItemText.TitleOf(Album.Title, "album");

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await AlbumAccess.FindAsync(db, id, cancellationToken) is not { } album)
        {
            return NotFound();
        }
        var reader = Caller.Anonymous(HttpContext.Connection.RemoteIpAddress);
        Album = (await presenter.ModelsAsync(HttpContext, reader, [album], withImages: true, cancellationToken))[0];
        cache.ShowsAlbum(HttpContext, Album);
        var page = links.AlbumPage(HttpContext, Album.Id);
        var cover = Album.Images!.FirstOrDefault(image => image.Id == Album.Cover);
        Share = new ShareTags(Title, Album.Description, page, cover, links.OEmbed(HttpContext, page), site.Value.SiteName,
            Listed: Album.Privacy == AlbumPrivacies.Public);
        return Page();
    }
}
