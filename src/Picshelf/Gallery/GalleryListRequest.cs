using System.Globalization;
using Picshelf.Api;

namespace Picshelf.Gallery;

/// <summary>
/// What a gallery list asks for, from <c>/3/gallery/{section}/{sort}/{window}/{page}</c> or any shorter form, with the
/// documented defaults: section <c>hot</c>, sort <c>viral</c>, window <c>day</c>, page 0. imgurpython leaves the window
/// out unless the section is <c>top</c> (<c>/hot/viral/0</c>), Imgur.API sends it always and may leave the page empty
/// (<c>/hot/viral/day/</c>): a third segment that is a number is the page.
/// </summary>
public sealed record GalleryListRequest(string Section, string Sort, string Window, int Page, bool ShowViral, bool Mature, bool AlbumPreviews)
{
    public const int PageSize = 60;

    public static readonly string[] Sections = ["hot", "top", "user"];
    public static readonly string[] Sorts = ["viral", "top", "time", "rising"];
    public static readonly string[] Windows = ["day", "week", "month", "year", "all"];

    /// <summary>A tag's page: sorted like the <c>top</c> section, within the window (a <c>week</c> by default) when sorted by <c>top</c>.</summary>
    public const string TagSection = "tag";

    /// <summary>A subreddit's page: <c>time</c> (default), or <c>top</c> within the window, a week by default.</summary>
    public const string SubredditSection = "subreddit";

    private static readonly string[] SubredditSorts = ["time", "top"];

    /// <summary>A search: <c>time</c> (default), <c>viral</c>, or <c>top</c> within the window (all time by default).</summary>
    public const string SearchSection = "search";

    private static readonly string[] SearchSorts = ["time", "viral", "top"];

    public static ValueTask<GalleryListRequest?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<GalleryListRequest?>(Read(context, OneOf(context.Request.RouteValues.GetValueOrDefault("section") as string, Sections, "section"),
            Sorts, "day"));

    public static GalleryListRequest ForTag(HttpContext context) => Read(context, TagSection, Sorts, "week");

    public static GalleryListRequest ForSubreddit(HttpContext context) => Read(context, SubredditSection, SubredditSorts, "week");

    public static GalleryListRequest ForSearch(HttpContext context) => Read(context, SearchSection, SearchSorts, "all");

    private static GalleryListRequest Read(HttpContext context, string section, string[] sorts, string defaultWindow)
    {
        var route = context.Request.RouteValues;
        var query = context.Request.Query;
        var sort = OneOf(route.GetValueOrDefault("sort") as string, sorts, "sort");
        if (sort == "rising" && section != "user")
        {
            throw ApiException.BadRequest("The rising sort is only available with the user section");
        }
        var window = route.GetValueOrDefault("window") as string;
        var page = route.GetValueOrDefault("page") as string;
        if (page is null && int.TryParse(window, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            (window, page) = (null, window);
        }
        // The spec pages every plural action by a query string too (Paging: "?page="); the path's page comes first.
        page ??= query["page"].ToString();
        return new GalleryListRequest(section, sort, string.IsNullOrEmpty(window) ? defaultWindow : OneOf(window, Windows, "window"), PageOf(page),
            Flag(query["showViral"], true, "showViral"), Flag(query["mature"], false, "mature"), Flag(query["album_previews"], false, "album_previews"));
    }

    private static string OneOf(string? value, string[] allowed, string name) =>
        string.IsNullOrEmpty(value) ? allowed[0]
        : allowed.Contains(value) ? value
        : throw ApiException.BadRequest($"{name} must be {string.Join(", ", allowed[..^1])} or {allowed[^1]}");

    /// <summary>Bounded as every paged list is (<see cref="Paging.MaxPage"/>), so a page's offset never overflows.</summary>
    public static int PageOf(string? text) =>
        string.IsNullOrEmpty(text) ? 0
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page <= Paging.MaxPage ? page
        : throw ApiException.BadRequest($"page must be from 0 to {Paging.MaxPage}");

    private static bool Flag(string? value, bool fallback, string name) =>
        string.IsNullOrEmpty(value) ? fallback
        : value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" ? true
        : value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0" ? false
        : throw ApiException.BadRequest($"{name} must be true or false");
}
