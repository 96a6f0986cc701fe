using Microsoft.Extensions.Options;
using Picshelf.Api;

namespace Picshelf.Web;

/// <summary>
/// The absolute addresses of the site's pages, for what reads them from elsewhere: sharing tags and oEmbed (a chat that
/// unfurls a link fetches it itself, so a relative address would mean nothing to it), and the tools' instructions
/// (ShareX, Flameshot, curl). A forged <c>Host</c> only misleads the one who forged it, unlike in a mail (see
/// <c>Accounts/MailSender</c>), so falling back to the request's address is safe here.
/// </summary>
public sealed class PageLinks(IOptions<SiteLinkOptions> site, IOptions<MediaLinkOptions> media)
{
    private readonly string? configuredSite = site.Value.PublicBaseUrl?.TrimEnd('/');
    private readonly string? configuredMedia = media.Value.PublicBaseUrl?.TrimEnd('/');

    /// <summary><c>Web:PublicBaseUrl</c>, else the address the browser used: a page names no host but its reader's own.</summary>
    public string SiteBase(HttpContext context) => configuredSite ?? $"{context.Request.Scheme}://{context.Request.Host}";

    public string ImagePage(HttpContext context, string imageId) => $"{SiteBase(context)}/{imageId}";

    public string AlbumPage(HttpContext context, string albumId) => $"{SiteBase(context)}/a/{albumId}";

    /// <summary>Where a consumer that found the discovery link asks for the embed of <paramref name="pageUrl"/>.</summary>
    public string OEmbed(HttpContext context, string pageUrl) => $"{SiteBase(context)}/oembed?format=json&url={Uri.EscapeDataString(pageUrl)}";

    /// <summary>
    /// Whether an address is one of this site's: its pages' host or its direct links' host (configured or the one asked).
    /// The scheme is not compared, since behind a proxy that ends TLS the request is plain HTTP while links say https.
    /// </summary>
    public bool IsOwn(HttpContext context, Uri address) =>
        new[] { configuredSite, configuredMedia, $"{context.Request.Scheme}://{context.Request.Host}" }
            .Any(own => Uri.TryCreate(own, UriKind.Absolute, out var ownUri) && string.Equals(ownUri.Authority, address.Authority, StringComparison.OrdinalIgnoreCase));
}
