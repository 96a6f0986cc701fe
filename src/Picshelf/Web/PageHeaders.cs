using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Picshelf.Api;

namespace Picshelf.Web;

/// <summary>
/// What every page answers with, whatever the page and whatever the state of its cookies.
/// <list type="bullet">
/// <item>A Content-Security-Policy that runs only the site's own script and style files (no inline script or style,
/// so markup a user slipped past the encoding still cannot run), loads images and video only from the site and its
/// direct-link host (<c>Media:PublicBaseUrl</c>), and lets no site frame a page (<c>frame-ancestors 'none'</c>;
/// <c>X-Frame-Options: DENY</c> for older browsers): framed, a click on "Allow" could be stolen. ASP.NET's antiforgery
/// sent <c>X-Frame-Options</c> only with a fresh antiforgery cookie, so a returning browser got none.</item>
/// <item>No page is stored by a browser or a proxy, since a page may show a secret, a PIN, a deletion link or the signed-in name.</item>
/// <item><c>Referrer-Policy: same-origin</c>: a page's address (a deletion link holds its deletehash) never goes to another site.</item>
/// </list>
/// </summary>
public sealed class PageHeaders(IOptions<MediaLinkOptions> media) : IAlwaysRunResultFilter
{
    private readonly string policy = Policy(media.Value.PublicBaseUrl);

    public void OnResultExecuting(ResultExecutingContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = policy;
        headers.XFrameOptions = "DENY";
        // Exactly what antiforgery gives a page with a form, so it has nothing to override (and to warn about).
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
        headers["Referrer-Policy"] = "same-origin";
        headers.XContentTypeOptions = "nosniff";
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }

    /// <remarks>
    /// <c>form-action</c> is left open: the consent form's answer is a redirect to the application's own address, and
    /// browsers hold redirects after a form to it.
    /// </remarks>
    private static string Policy(string? mediaBaseUrl)
    {
        var mediaOrigin = Uri.TryCreate(mediaBaseUrl, UriKind.Absolute, out var media) ? " " + media.GetLeftPart(UriPartial.Authority) : "";
        return $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:{mediaOrigin}; media-src 'self' blob:{mediaOrigin}; "
            + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; frame-ancestors 'none'";
    }
}
