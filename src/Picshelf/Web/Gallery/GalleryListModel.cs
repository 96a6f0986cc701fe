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
    public int PageNumber { get; private set; }
    public IReadOnlyList<GalleryCard> Posts { get; private set; } = [];
    public bool HasNext { get; private set; }

    /// <remarks>The page number is read from the query itself: Razor Pages binds <c>page</c> to the page's own name.</remarks>
    public async Task<IActionResult> OnGetAsync(string? sort, string? window, CancellationToken cancellationToken)
    {
        Tab = string.IsNullOrEmpty(sort) ? "hot" : sort;
        if (!Tabs.Contains(Tab) || (!string.IsNullOrEmpty(window) && !GalleryListRequest.Windows.Contains(window)))
        {
            return NotFound();
        }
        Window = string.IsNullOrEmpty(window) ? "day" : window;
        try
        {
            PageNumber = GalleryListRequest.PageOf(Request.Query["page"]);
        }
        catch (ApiException)
        {
            return NotFound();
        }
        var request = Tab switch
        {
            "top" => new GalleryListRequest("top", "top", Window, PageNumber, ShowViral: true, Mature: false, AlbumPreviews: true),
            "new" => new GalleryListRequest("user", "time", "day", PageNumber, ShowViral: true, Mature: false, AlbumPreviews: true),
            _ => new GalleryListRequest("hot", "viral", "day", PageNumber, ShowViral: true, Mature: false, AlbumPreviews: true),
        };
        var caller = GalleryPageCaller.Of(HttpContext);
        var items = await lists.PageAsync(request, caller, null, cancellationToken);
        Posts = GalleryCard.Of(HttpContext, links, await presenter.ModelsAsync(HttpContext, caller, items, request.AlbumPreviews, cancellationToken));
        HasNext = items.Count == GalleryListRequest.PageSize;
        // Past the last page there is nothing to show, as past the last page of an album there is no page.
        return PageNumber > 0 && Posts.Count == 0 ? NotFound() : Page();
    }

    public string LinkTo(string tab, string? window, int page)
    {
        var query = new List<string>();
        if (tab != "hot")
        {
            query.Add("sort=" + tab);
        }
        if (tab == "top" && window is not null && window != "day")
        {
            query.Add("window=" + window);
        }
        if (page > 0)
        {
            query.Add("page=" + page);
        }
        return query.Count == 0 ? "/gallery" : "/gallery?" + string.Join('&', query);
    }
}

/// <summary>A post in a list: its thumbnail, title, points and comment count, linking to its page.</summary>
public sealed record GalleryCard(string Id, string Title, string? Thumbnail, int Points, int CommentCount)
{
    public static IReadOnlyList<GalleryCard> Of(HttpContext context, PublicLinks links, IEnumerable<System.Text.Json.JsonElement> models) =>
        models.Select(GalleryPostView.Read).Select(post => new GalleryCard(post.Id, post.Heading,
            post.Picture is { } picture ? links.ThumbnailLink(context, picture.Id, picture.Type, ThumbnailSize.BigSquare) : null, post.Points,
            post.CommentCount)).ToList();
}

/// <summary>Who reads a gallery page, as the API would see them: a signed-in visitor is their account (their votes, their mature setting).</summary>
public static class GalleryPageCaller
{
    public static Caller Of(HttpContext context) =>
        WebPages.AccountId(context.User) is { } accountId
            ? new Caller(null, accountId, context.User.Identity?.Name, context.Connection.RemoteIpAddress)
            : Caller.Anonymous(context.Connection.RemoteIpAddress);
}
