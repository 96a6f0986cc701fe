using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.OAuth;

/// <summary>
/// The one place tokens are made: new grants for the command line, the authorize page and code/PIN
/// exchanges, and more access tokens for a refresh token, which never expires.
/// </summary>
public sealed class TokenIssuer(PicshelfDb db, IDatabaseDialect dialect, TimeProvider time, IOptions<AccessTokenOptions> options, CallerDirectory directory)
{
    public async Task<TokenModel> IssueAsync(string clientId, string username, CancellationToken cancellationToken)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == clientId && c.DeletedAt == null, cancellationToken))
        {
            throw ApiException.BadRequest($"Invalid client_id {clientId}");
        }
        var normalized = username.ToUpperInvariant();
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.NormalizedUsername == normalized, cancellationToken)
            ?? throw ApiException.NotFound($"Unable to find an account with the username, {username}");
        return await GrantAsync(clientId, account, cancellationToken);
    }

    public async Task<TokenModel> GrantAsync(string clientId, Account account, CancellationToken cancellationToken)
    {
        RefuseDisabled(account);
        var refreshToken = TokenDigest.NewToken();
        var now = time.GetUtcNow();
        var grant = new AccessGrant
        {
            ClientId = clientId,
            AccountId = account.Id,
            RefreshTokenHash = TokenDigest.Of(refreshToken),
            CreatedAt = now.ToUnixTimeSeconds(),
        };
        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        db.AccessGrants.Add(grant);
        await db.SaveChangesAsync(cancellationToken);
        var accessToken = AddAccessToken(grant.Id, now, options.Value.AccessTokenLifetime);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Token(accessToken, refreshToken, account);
    }

    /// <summary>
    /// A new access token for the grant of <paramref name="refreshToken"/>, which must belong to <paramref name="clientId"/>.
    /// The grant's earlier access tokens keep working until they expire, so installs sharing the refresh token do not log
    /// each other out; the expired ones are deleted here, and the oldest live ones are revoked when the new one would make
    /// more than <see cref="AccessTokenOptions.MaxAccessTokensPerGrant"/>. Null when there is no such grant.
    /// </summary>
    public async Task<TokenModel?> RefreshAsync(string clientId, string refreshToken, CancellationToken cancellationToken)
    {
        var digest = TokenDigest.Of(refreshToken);
        var now = time.GetUtcNow();
        var nowSeconds = now.ToUnixTimeSeconds();
        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        // Refreshes of one grant through several processes at once must not each keep one token too many.
        await dialect.LockAccessGrantAsync(db, digest, cancellationToken);
        var grant = await db.AccessGrants.AsNoTracking()
            .SingleOrDefaultAsync(g => g.RefreshTokenHash == digest && g.ClientId == clientId && g.RevokedAt == null, cancellationToken);
        if (grant is null)
        {
            return null;
        }
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == grant.AccountId, cancellationToken);
        RefuseDisabled(account);
        // The new token takes one place of the cap and the oldest live ones give up theirs; ids grow with every token
        // issued, so the lowest are the oldest.
        var live = await db.AccessTokens.Where(t => t.GrantId == grant.Id && t.ExpiresAt > nowSeconds)
            .OrderBy(t => t.Id).Select(t => new { t.Id, t.TokenHash }).ToListAsync(cancellationToken);
        var revoked = live.Take(live.Count - (options.Value.MaxAccessTokensPerGrant - 1)).ToList();
        var revokedIds = revoked.Select(t => t.Id).ToList();
        await db.AccessTokens.Where(t => t.GrantId == grant.Id && (t.ExpiresAt <= nowSeconds || revokedIds.Contains(t.Id)))
            .ExecuteDeleteAsync(cancellationToken);
        var accessToken = AddAccessToken(grant.Id, now, options.Value.AccessTokenLifetime);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        directory.ForgetTokens([.. revoked.Select(t => t.TokenHash)]);
        return Token(accessToken, refreshToken, account);
    }

    /// <summary>
    /// A short-lived access token of the site's own application (<see cref="SiteApplication"/>) for the account, which the
    /// upload page hands its script so a signed-in visitor uploads through the API as themselves. The account has one grant
    /// of the site application, made on first use, whose refresh token nobody is ever told; its expired tokens go when the
    /// next is added, so the grant does not grow with every session.
    /// </summary>
    public async Task<(string AccessToken, DateTimeOffset ExpiresAt)> IssueSiteTokenAsync(int accountId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
        RefuseDisabled(account);
        var now = time.GetUtcNow();
        var nowSeconds = now.ToUnixTimeSeconds();
        await using var transaction = await dialect.BeginWriteAsync(db, cancellationToken);
        var grantId = await SiteGrants(accountId).Select(g => (long?)g.Id).FirstOrDefaultAsync(cancellationToken);
        if (grantId is null)
        {
            var grant = new AccessGrant
            {
                ClientId = SiteApplication.ClientId,
                AccountId = accountId,
                RefreshTokenHash = TokenDigest.Of(TokenDigest.NewToken()),
                CreatedAt = nowSeconds,
            };
            db.AccessGrants.Add(grant);
            await db.SaveChangesAsync(cancellationToken);
            grantId = grant.Id;
        }
        await db.AccessTokens.Where(t => t.GrantId == grantId && t.ExpiresAt <= nowSeconds).ExecuteDeleteAsync(cancellationToken);
        var accessToken = AddAccessToken(grantId.Value, now, lifetime);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (accessToken, now + lifetime);
    }

    /// <summary>Every token the site application holds for the account stops, in every process: its sessions ended.</summary>
    public async Task RevokeSiteTokensAsync(int accountId, CancellationToken cancellationToken)
    {
        var grants = await SiteGrants(accountId).Select(g => g.Id).ToListAsync(cancellationToken);
        if (grants.Count > 0)
        {
            await db.AccessGrants.Where(g => grants.Contains(g.Id)).ExecuteDeleteAsync(cancellationToken);
            directory.ForgetGrants(grants);
        }
    }

    private IQueryable<AccessGrant> SiteGrants(int accountId) =>
        db.AccessGrants.Where(g => g.ClientId == SiteApplication.ClientId && g.AccountId == accountId && g.RevokedAt == null);

    /// <summary>
    /// A disabled account gets no new tokens, whatever it presents (the cookie that would authorize one is refused already):
    /// 400, as every failed exchange at the token endpoint is (docs/imgur-compatibility.md §4.3).
    /// </summary>
    private static void RefuseDisabled(Account account)
    {
        if (account.DisabledAt is not null)
        {
            throw ApiException.BadRequest("This account is disabled");
        }
    }

    /// <summary>Adds a new access token of the grant, saved with the next <c>SaveChanges</c>, and returns it.</summary>
    private string AddAccessToken(long grantId, DateTimeOffset now, TimeSpan lifetime)
    {
        var accessToken = TokenDigest.NewToken();
        db.AccessTokens.Add(new AccessToken
        {
            GrantId = grantId,
            TokenHash = TokenDigest.Of(accessToken),
            ExpiresAt = (now + lifetime).ToUnixTimeSeconds(),
            CreatedAt = now.ToUnixTimeSeconds(),
        });
        return accessToken;
    }

    private TokenModel Token(string accessToken, string refreshToken, Account account) =>
        new(accessToken, (long)options.Value.AccessTokenLifetime.TotalSeconds, "bearer", null, refreshToken, account.Id, account.Username);
}
