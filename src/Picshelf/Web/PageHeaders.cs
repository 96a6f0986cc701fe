using Microsoft.AspNetCore.Mvc.Filters;

namespace Picshelf.Web;

/// <summary>
/// What every page answers with, whatever the page and whatever the state of its cookies. The pages hold the consent
/// button, PINs and client secrets: framed by another site, a click on "Allow" could be stolen (clickjacking), so no site
/// may frame them (<c>frame-ancestors 'none'</c> for today's browsers, <c>X-Frame-Options: DENY</c> for older ones).
/// ASP.NET's antiforgery sent <c>X-Frame-Options</c> only with a fresh antiforgery cookie, so a returning browser got
/// none. And no page is stored by a browser or a proxy, since a page may show a secret, a PIN or the signed-in name.
/// </summary>
public sealed class PageHeaders : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
