using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.OAuth;

/// <summary>One application an account has allowed, since its first live grant.</summary>
public sealed record AuthorizedApplication(string ClientId, string Name, long Since);

/// <summary>
/// The applications an account has allowed (its live grants), for the account to see and take back, as the spec's
/// "as long as the user has not revoked the access granted to your application" supposes it can. A refresh token never
/// expires, so without this a grant made by whoever once knew the password would outlive a new password. A revoked
/// grant's access and refresh tokens stop at once, in every process. The site's own application is not listed: its
/// tokens follow the account's sessions (<see cref="SiteTokensOfSessions"/>).
/// </summary>
public sealed class AuthorizedApplications(PicshelfDb db, CallerDirectory directory, TimeProvider time)
{
    public async Task<List<AuthorizedApplication>> ListAsync(int accountId, CancellationToken cancellationToken) =>
        await (
            from grant in Live(accountId)
            join client in db.Clients on grant.ClientId equals client.Id
            where client.DeletedAt == null
            group grant by new { client.Id, client.Name } into grants
            orderby grants.Min(g => g.CreatedAt), grants.Key.Id
            select new AuthorizedApplication(grants.Key.Id, grants.Key.Name, grants.Min(g => g.CreatedAt)))
            .ToListAsync(cancellationToken);

    /// <summary>Ends every grant of the account to the application: 404 when there is none to end.</summary>
    public async Task RevokeAsync(int accountId, string clientId, CancellationToken cancellationToken)
    {
        var grants = await Live(accountId).Where(g => g.ClientId == clientId).Select(g => g.Id).ToListAsync(cancellationToken);
        if (grants.Count == 0)
        {
            throw ApiException.NotFound("You have not allowed that application");
        }
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        await db.AccessGrants.Where(g => grants.Contains(g.Id)).ExecuteUpdateAsync(set => set.SetProperty(g => g.RevokedAt, now), cancellationToken);
        directory.ForgetGrants(grants);
    }

    private IQueryable<AccessGrant> Live(int accountId) =>
        db.AccessGrants.Where(g => g.AccountId == accountId && g.RevokedAt == null && g.ClientId != SiteApplication.ClientId);
}
