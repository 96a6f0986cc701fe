using Microsoft.Extensions.Options;
using Picshelf.Api;

namespace Picshelf.Web;

/// <summary>
/// Where this instance's pages and API are reached, for the addresses pages hand to tools (ShareX, Flameshot, curl):
/// <c>Web:PublicBaseUrl</c> when set, else the address the browser itself used. A forged <c>Host</c> only misleads the
/// one who forged it, unlike in a mail (see <c>Accounts/MailSender</c>), so the fallback is safe here.
/// </summary>
public sealed class SiteAddress(IOptions<SiteLinkOptions> site)
{
    private readonly string? configuredBase = site.Value.PublicBaseUrl?.TrimEnd('/');

    public string BaseUrl(HttpContext context) =>
        configuredBase ?? $"{context.Request.Scheme}://{context.Request.Host}";
}
