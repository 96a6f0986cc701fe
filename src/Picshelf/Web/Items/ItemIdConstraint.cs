using Picshelf.Api;

namespace Picshelf.Web;

/// <summary>
/// <c>{id:itemid}</c>: a path segment shaped as an image or album id. <c>/{id}</c> would otherwise take every one-segment
/// path, and a client asking for a path nothing serves would get the page's HTML where it gets the JSON 404 today.
/// </summary>
public sealed class ItemIdConstraint : IRouteConstraint
{
    public const string Name = "itemid";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string id && IdGenerator.IsId(id);
}
