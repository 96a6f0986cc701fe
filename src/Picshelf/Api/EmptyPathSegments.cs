using Microsoft.AspNetCore.Routing.Patterns;

namespace Picshelf.Api;

/// <summary>
/// An empty path segment where a list's <c>page</c>, <c>sort</c> or <c>window</c> stands means that parameter's default,
/// as if it had been left out: Imgur.API builds <c>/3/account/me/gallery_favorites//newest</c> when it has no page, and
/// <c>…/images/</c> or <c>…//</c> at the end. Routing matches no parameter to an empty segment, and each route family
/// decides its own defaults, so the path is mended here once for every route instead of in every route's template:
/// <see cref="FillAsync"/>, before routing, drops trailing slashes and puts <see cref="Placeholder"/> in each empty
/// segment between others; <see cref="DropAsync"/>, after routing, removes the route values the placeholders became,
/// so the handler sees the parameter not given, exactly as through the route's shorter form.
/// </summary>
public static class EmptyPathSegments
{
    /// <summary>What an empty segment may stand for: the parameters every list route treats as optional.</summary>
    private static readonly string[] OptionalParameters = ["page", "sort", "window"];

    /// <summary>Matches any parameter, the page segments' digits (<see cref="Paging.RouteSegment"/>) included, and no literal segment of a route.</summary>
    private const string Placeholder = "0";

    /// <summary>Before routing: fills the empty segments of a <c>/3/</c> path, and puts the path back as sent once the answer is made (errors name it).</summary>
    public static async Task FillAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path.Value;
        if (path is null || !path.StartsWith("/3/", StringComparison.Ordinal) || !path.Contains("//", StringComparison.Ordinal))
        {
            await next();
            return;
        }
        var segments = path.TrimEnd('/').Split('/');
        var filled = new List<int>();
        // Segment 0 is what comes before the leading slash; a route pattern's segments start after it.
        for (var segment = 1; segment < segments.Length; segment++)
        {
            if (segments[segment].Length == 0)
            {
                segments[segment] = Placeholder;
                filled.Add(segment - 1);
            }
        }
        context.Features.Set(new FilledSegments(filled, path));
        context.Request.Path = string.Join('/', segments);
        try
        {
            await next();
        }
        finally
        {
            context.Request.Path = path;
        }
    }

    /// <summary>
    /// After routing: takes out the route values the placeholders became. A placeholder that stood where a route takes
    /// anything but an optional parameter (a username, an id) leaves the request without an endpoint: 404, as before.
    /// The path is put back as sent here, since routing was all it was mended for: an answer written before the handler
    /// (a 429 from the rate limiter) names it too.
    /// </summary>
    public static Task DropAsync(HttpContext context, Func<Task> next)
    {
        if (context.Features.Get<FilledSegments>() is not { } filled)
        {
            return next();
        }
        if (context.GetEndpoint() is RouteEndpoint endpoint)
        {
            foreach (var position in filled.Positions)
            {
                if (OptionalParameterAt(endpoint.RoutePattern, position) is not { } name)
                {
                    context.SetEndpoint(null);
                    break;
                }
                context.Request.RouteValues.Remove(name);
            }
        }
        context.Request.Path = filled.SentPath;
        return next();
    }

    private static string? OptionalParameterAt(RoutePattern pattern, int position) =>
        position < pattern.PathSegments.Count && pattern.PathSegments[position] is { IsSimple: true, Parts: [RoutePatternParameterPart parameter] }
            && OptionalParameters.Contains(parameter.Name, StringComparer.Ordinal)
            ? parameter.Name
            : null;

    /// <summary>Which segments of the request's path, counted as its route pattern counts them, held a placeholder, and the path as sent.</summary>
    private sealed record FilledSegments(IReadOnlyList<int> Positions, string SentPath);
}
