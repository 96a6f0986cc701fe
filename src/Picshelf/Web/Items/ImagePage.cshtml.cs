using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Web;

/// <summary>
/// <c>/{id}</c>: one image as <c>GET /3/image/{id}</c> shows it to a reader without credentials (no favorite, no
/// deletehash). The page counts no view itself: views are counted where the API counts them, on the direct link, and the
/// page's <c>&lt;img&gt;</c> is that direct link, so one visit is one view, as a visit to Imgur's page is. Counting here
/// too would count every visit twice. What a signed-out reader gets is kept for the next one (<see cref="ItemPageCache"/>),
/// so its view count is the one of its last render.
/// </summary>
[OutputCache(PolicyName = ItemPageCache.Policy)]
public sealed class ImagePageModel(ImageDirectory directory, ImagePresenter presenter, PageLinks links, IOptions<SiteNameOptions> site,
    ItemPageCache cache)
    : PageModel
{
    public ImageModel Image { get; private set; } = null!;
    public ShareTags Share { get; private set; } = null!;
    public string Title => ItemText.TitleOf(Image.Title, "image");

    /// <summary>What a browser's "save as" proposes: the id and the true extension, never the uploader's file name (the uploader's alone).</summary>
    public string FileName => Image.Link[(Image.Link.LastIndexOf('/') + 1)..];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await ImageEndpoints.PresentAsync(HttpContext, Caller.Anonymous(HttpContext.Connection.RemoteIpAddress), id, directory, presenter,
                cancellationToken) is not { } image)
        {
            return NotFound();
        }
        Image = image;
        cache.ShowsImage(HttpContext, image.Id);
        var page = links.ImagePage(HttpContext, Image.Id);
        Share = new ShareTags(Title, Image.Description, page, Image, links.OEmbed(HttpContext, page), site.Value.SiteName, Listed: true);
        return Page();
    }
}
