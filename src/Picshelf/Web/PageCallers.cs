using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.OAuth;
using Picshelf.RateLimits;

namespace Picshelf.Web;

/// <summary>
/// Who a page's visitor is to the code the API runs. Reading, a signed-in visitor is their account (their votes, their mature
/// setting) and a signed-out one an anonymous caller known by address; a page view is not an API call and costs no
/// credits, as a direct link costs none. Changing something (a vote, a comment, a title, an album, settings, a deletion
/// link) the visitor is charged first, as the API charges the same call: signed in, as their account through the site's
/// application (<see cref="SiteApplication"/>), with its user, address and POST budgets; signed out, on their address's
/// credits without credentials. A spent budget is the API's own refusal (429, its message, Retry-After), which each page
/// shows where its form's refusals go, so a budget is one budget whether it is spent by a client or in a browser.
/// </summary>
public sealed class PageCallers(CallerDirectory directory, CreditCharger charger, PicshelfDb db)
{
    public static Caller Reading(HttpContext context) =>
        WebPages.AccountId(context.User) is { } accountId
            ? new Caller(null, accountId, context.User.Identity?.Name, context.Connection.RemoteIpAddress)
            : Caller.Anonymous(context.Connection.RemoteIpAddress);

    /// <summary>The visitor as the caller of a change, charged for it; the refusal is thrown when a budget is spent.</summary>
    public async Task<Caller> ChangingAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var address = context.Connection.RemoteIpAddress;
        var caller = Caller.Anonymous(address);
        if (WebPages.AccountId(context.User) is { } accountId)
        {
            var site = await directory.FindClientAsync(SiteApplication.ClientId, cancellationToken)
                ?? throw new InvalidOperationException("The site's application is made when the server starts");
            // Whether the account verified its e-mail decides its budgets when RateLimits:RequireVerifiedEmail asks for it.
            var verified = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.EmailVerifiedAt != null).SingleOrDefaultAsync(cancellationToken);
            caller = new Caller(site, accountId, context.User.Identity?.Name, address, verified);
        }
        return await charger.ChargeAsync(context, caller) is { } refusal ? throw refusal : caller;
    }
}
