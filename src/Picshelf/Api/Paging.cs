using System.Globalization;
using System.Reflection;

namespace Picshelf.Api;

/// <summary>The <c>page</c> (from 0) and <c>perPage</c> (default 50, at most 100) of a list endpoint.</summary>
public readonly record struct Paging(int Page, int PerPage)
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 100;

    public int Skip => Page * PerPage;

    public static ValueTask<Paging> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var routePage = context.Request.RouteValues.TryGetValue("page", out var value) ? value as string : null;
        var page = Parse(routePage ?? context.Request.Query["page"].ToString(), 0, "page");
        var perPage = Parse(context.Request.Query["perPage"].ToString(), DefaultPerPage, "perPage");
        if (page < 0)
        {
            throw ApiException.BadRequest("page must be 0 or more");
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
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.BadRequest($"{name} must be a whole number");
    }
}
