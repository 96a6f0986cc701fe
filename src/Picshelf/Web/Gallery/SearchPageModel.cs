using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Api;
using Picshelf.Gallery;

namespace Picshelf.Web;

/// <summary>
/// <c>/gallery/search?q=</c>: the gallery searched as <c>GET /3/gallery/search/{sort}/{window}/{page}</c> searches it, with
/// the API's query syntax read by the same parser (<see cref="SearchQuery"/>): a query it refuses is refused here with its
/// message and 400. Without <c>q</c> the page is only its form.
/// </summary>
public sealed class SearchPageModel(GalleryLists lists, GalleryPresenter presenter, PublicLinks links) : PageModel
{
    public static readonly string[] Sorts = ["time", "viral", "top"];

    public string? Query { get; private set; }
    public string Sort { get; private set; } = "time";
    public string Window { get; private set; } = "all";
    public string? Error { get; private set; }
    public IReadOnlyList<GalleryCard> Posts { get; private set; } = [];
    public GalleryPaging? Paging { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? q, string? sort, string? window, CancellationToken cancellationToken)
    {
        Sort = string.IsNullOrEmpty(sort) ? "time" : sort;
        Window = string.IsNullOrEmpty(window) ? "all" : window;
        if (!Sorts.Contains(Sort) || !GalleryListRequest.Windows.Contains(Window) || GalleryPaging.PageOf(Request) is not { } page)
        {
            return NotFound();
        }
        Query = q;
        if (string.IsNullOrWhiteSpace(q))
        {
            return Page();
        }
        SearchNode parsed;
        try
        {
            parsed = SearchQuery.Parse(q);
        }
        catch (ApiException refused)
        {
            Error = refused.Message;
            Response.StatusCode = refused.Status;
            return Page();
        }
        var request = new GalleryListRequest(GalleryListRequest.SearchSection, Sort, Window, page, ShowViral: true, Mature: false, AlbumPreviews: true);
        var caller = PageCallers.Reading(HttpContext);
        var items = await lists.SearchAsync(request, caller, parsed, cancellationToken);
        Posts = GalleryCard.Of(HttpContext, links, await presenter.ModelsAsync(HttpContext, caller, items, request.AlbumPreviews, cancellationToken));
        Paging = GalleryPaging.Around(page, items.Count, number => LinkTo(Sort, Window, number));
        return page > 0 && Posts.Count == 0 ? NotFound() : Page();
    }

    public string LinkTo(string sort, string window, int page) =>
        GalleryPaging.Query("/gallery/search", ("q", Query), ("sort", sort == "time" ? null : sort), ("window", window == "all" ? null : window),
            ("page", page > 0 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
}
