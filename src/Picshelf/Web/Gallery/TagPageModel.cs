using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Api;
using Picshelf.Gallery;

namespace Picshelf.Web;

/// <summary>
/// <c>/t/{tag}</c>: a tag's posts as <c>GET /3/gallery/t/{tag}/{sort}/{window}/{page}</c> lists them (viral, top or time,
/// within a window, a week by default); an unknown tag is the 404 page as the API's 404.
/// </summary>
public sealed class TagPageModel(TagPresenter tags, GalleryLists lists, GalleryPresenter presenter, PublicLinks links) : PageModel
{
    public static readonly string[] Sorts = ["viral", "top", "time"];

    public TagModel Tag { get; private set; } = null!;
    public string Sort { get; private set; } = "viral";
    public string Window { get; private set; } = "week";
    public IReadOnlyList<GalleryCard> Posts { get; private set; } = [];
    public GalleryPaging Paging { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string tag, string? sort, string? window, CancellationToken cancellationToken)
    {
        Sort = string.IsNullOrEmpty(sort) ? "viral" : sort;
        Window = string.IsNullOrEmpty(window) ? "week" : window;
        if (!Sorts.Contains(Sort) || !GalleryListRequest.Windows.Contains(Window) || GalleryPaging.PageOf(Request) is not { } page)
        {
            return NotFound();
        }
        var caller = PageCallers.Reading(HttpContext);
        try
        {
            Tag = await GalleryEndpoints.FindTagAsync(tag, caller, tags, cancellationToken);
        }
        catch (ApiException)
        {
            return NotFound();
        }
        var request = new GalleryListRequest(GalleryListRequest.TagSection, Sort, Window, page, ShowViral: true, Mature: false, AlbumPreviews: true);
        var items = await lists.PageAsync(request, caller, Tag.Name, cancellationToken);
        Posts = GalleryCard.Of(HttpContext, links, await presenter.ModelsAsync(HttpContext, caller, items, request.AlbumPreviews, cancellationToken));
        Paging = GalleryPaging.Around(page, items.Count, number => LinkTo(Sort, Window, number));
        return page > 0 && Posts.Count == 0 ? NotFound() : Page();
    }

    public string LinkTo(string sort, string window, int page) =>
        GalleryPaging.Query("/t/" + Uri.EscapeDataString(Tag.Name), ("sort", sort == "viral" ? null : sort), ("window", window == "week" ? null : window),
            ("page", page > 0 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
}
