using Picshelf.Accounts;

namespace Picshelf.OAuth;

/// <summary>The site application's tokens belong to the account's sign-ins: when a new password ends them, the tokens go too.</summary>
public sealed class SiteTokensOfSessions(TokenIssuer issuer) : IAccountSessionsEndedListener
{
    public Task SessionsEndedAsync(int accountId, CancellationToken cancellationToken) => issuer.RevokeSiteTokensAsync(accountId, cancellationToken);
}
