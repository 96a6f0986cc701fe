using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Api;
using Picshelf.Gallery;
using Picshelf.Media;

namespace Picshelf.Web;

/// <summary>
/// <c>/gallery</c>: the gallery's lists as <c>GET /3/gallery/{section}/{sort}/{window}/{page}</c> reads them (the same
/// <see cref="GalleryLists"/> and <see cref="GalleryPresenter"/>, so hidden and mature posts stay out exactly as there),
/// sixty a page, with plain links for the tabs and the pages so it needs no script.
/// </summary>
public sealed class GalleryListModel(GalleryLists lists, GalleryPresenter presenter, PublicLinks links) : PageModel
{
    /// <summary>The tabs: hot (the most viral list by rank), top (by points within a window) and new (every post, newest first).</summary>
    public static readonly string[] Tabs = ["hot", "top", "new"];

    public string Tab { get; private set; } = "hot";
    public string Window { get; private set; } = "day";
    public IReadOnlyList<GalleryCard> Posts { get; private set; } = [];
    public GalleryPaging Paging { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? sort, string? window, CancellationToken cancellationToken)
    {
        Tab = string.IsNullOrEmpty(sort) ? "hot" : sort;
        Window = string.IsNullOrEmpty(window) ? "day" : window;
        if (!Tabs.Contains(Tab) || !GalleryListRequest.Windows.Contains(Window) || GalleryPaging.PageOf(Request) is not { } page)
        {
            return NotFound();
        }
        var request = Tab switch
        {
            "top" => new GalleryListRequest("top", "top", Window, page, ShowViral: true, Mature: false, AlbumPreviews: true),
            "new" => new GalleryListRequest("user", "time", "day", page, ShowViral: true, Mature: false, AlbumPreviews: true),
            _ => new GalleryListRequest("hot", "viral", "day", page, ShowViral: true, Mature: false, AlbumPreviews: true),
        };
        var caller = PageCallers.Reading(HttpContext);
        var items = await lists.PageAsync(request, caller, null, cancellationToken);
        Posts = GalleryCard.Of(HttpContext, links, await presenter.ModelsAsync(HttpContext, caller, items, request.AlbumPreviews, cancellationToken));
        Paging = GalleryPaging.Around(page, items.Count, number => LinkTo(Tab, Window, number));
        // Past the last page there is nothing to show, as past an album's last image there is no page.
        return page > 0 && Posts.Count == 0 ? NotFound() : Page();
    }

    public static string LinkTo(string tab, string window, int page) =>
        GalleryPaging.Query("/gallery", ("sort", tab == "hot" ? null : tab), ("window", tab == "top" && window != "day" ? window : null),
            ("page", page > 0 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
}

/// <summary>A post in a list: its thumbnail, title, points and comment count, linking to its page.</summary>
public sealed record GalleryCard(string Id, string Title, string? Thumbnail, int Points, int CommentCount)
{
    public static IReadOnlyList<GalleryCard> Of(HttpContext context, PublicLinks links, IEnumerable<System.Text.Json.JsonElement> models) =>
        models.Select(GalleryPostView.Read).Select(post => new GalleryCard(post.Id, post.Heading,
            post.Picture is { } picture ? links.ThumbnailLink(context, picture.Id, picture.Type, ThumbnailSize.BigSquare) : null, post.Points,
            post.CommentCount)).ToList();
}
