using System.Globalization;
using System.Reflection;

namespace Picshelf.Api;

/// <summary>
/// The <c>page</c> (from 0, at most <see cref="MaxPage"/>) and <c>perPage</c> (default 50, at most 100) of a list
/// endpoint. The bound comes before any arithmetic: <c>page × perPage</c> fits an int, so no database sees an overflowed
/// offset (PostgreSQL refused it with a 500, SQLite answered the first page again, and a client paging until empty
/// never stopped). A page past the end is an empty list.
/// </summary>
public readonly record struct Paging(int Page, int PerPage)
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 100;
    public const int MaxPage = 1_000_000;

    /// <summary>
    /// A list route's page segment: any run of digits, so that a page past the bound, or past an int, reaches
    /// <see cref="BindAsync"/> and is refused there (400) instead of matching no route (404). A segment of another kind
    /// goes on to the route's other forms (<c>/comments/{sort}</c>).
    /// </summary>
    public const string RouteSegment = "{page:regex(^\\d+$)}";

    public int Skip => Page * PerPage;

    public static ValueTask<Paging> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var routePage = context.Request.RouteValues.TryGetValue("page", out var value) ? value as string : null;
        var page = Parse(routePage ?? context.Request.Query["page"].ToString(), 0, "page");
        var perPage = Parse(context.Request.Query["perPage"].ToString(), DefaultPerPage, "perPage");
        if (page is < 0 or > MaxPage)
        {
            throw ApiException.BadRequest($"page must be from 0 to {MaxPage}");
        }
        if (perPage < 1)
        {
            throw ApiException.BadRequest("perPage must be at least 1");
        }
        return ValueTask.FromResult(new Paging(page, Math.Min(perPage, MaxPerPage)));
    }

    private static int Parse(string? text, int fallback, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        if (!text.All(char.IsAsciiDigit))
        {
            throw ApiException.BadRequest($"{name} must be a whole number");
        }
        // Digits past an int are as far past the bound as int.MaxValue is.
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : int.MaxValue;
    }
}
