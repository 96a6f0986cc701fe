using Picshelf.Api;
using Picshelf.Gallery;

namespace Picshelf.Web;

/// <summary>
/// The paging every gallery list page shares: <c>?page=</c> counted from 0 as the API's, and links to the pages either side.
/// The number is read from the query itself, since Razor Pages binds a parameter named <c>page</c> to the page's own name.
/// </summary>
public sealed record GalleryPaging(string? Previous, string? Next)
{
    /// <summary>The page asked for; null for one the API would refuse (not a number, or past <see cref="Paging.MaxPage"/>).</summary>
    public static int? PageOf(HttpRequest request)
    {
        try
        {
            return GalleryListRequest.PageOf(request.Query["page"]);
        }
        catch (ApiException)
        {
            return null;
        }
    }

    /// <param name="link">The address of a page by its number.</param>
    /// <param name="count">How many posts this page holds: a full one may have another after it.</param>
    /// <param name="pageSize">How many a full page holds: the gallery's lists hold 60, the account's lists 50 as the API's.</param>
    public static GalleryPaging Around(int page, int count, Func<int, string> link, int pageSize = GalleryListRequest.PageSize) =>
        new(page > 0 ? link(page - 1) : null, count == pageSize ? link(page + 1) : null);

    /// <summary>A query string of the pairs with a value, in order.</summary>
    public static string Query(string path, params (string Name, string? Value)[] pairs)
    {
        var given = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)).ToList();
        return given.Count == 0 ? path : path + "?" + string.Join('&', given);
    }
}
