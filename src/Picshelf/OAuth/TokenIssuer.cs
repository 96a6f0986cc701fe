using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.OAuth;

/// <summary>
/// The one place tokens are made: new grants for the command line, the authorize page and code/PIN
/// exchanges, and fresh access tokens for a refresh token, which never expires.
/// </summary>
public sealed class TokenIssuer(PicshelfDb db, TimeProvider time, IOptions<AccessTokenOptions> options, CallerDirectory directory)
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
        var accessToken = TokenDigest.NewToken();
        var refreshToken = TokenDigest.NewToken();
        var now = time.GetUtcNow();
        var lifetime = options.Value.AccessTokenLifetime;
        db.AccessGrants.Add(new AccessGrant
        {
            ClientId = clientId,
            AccountId = account.Id,
            AccessTokenHash = TokenDigest.Of(accessToken),
            RefreshTokenHash = TokenDigest.Of(refreshToken),
            AccessTokenExpiresAt = (now + lifetime).ToUnixTimeSeconds(),
            CreatedAt = now.ToUnixTimeSeconds(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Token(accessToken, refreshToken, account);
    }

    /// <summary>
    /// A new access token for the grant of <paramref name="refreshToken"/>, which must belong to
    /// <paramref name="clientId"/>; the grant's previous access token stops working. Null when there is no such grant.
    /// </summary>
    public async Task<TokenModel?> RefreshAsync(string clientId, string refreshToken, CancellationToken cancellationToken)
    {
        var digest = TokenDigest.Of(refreshToken);
        var grant = await db.AccessGrants.SingleOrDefaultAsync(g => g.RefreshTokenHash == digest && g.ClientId == clientId && g.RevokedAt == null, cancellationToken);
        if (grant is null)
        {
            return null;
        }
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == grant.AccountId, cancellationToken);
        var previous = grant.AccessTokenHash;
        var accessToken = TokenDigest.NewToken();
        var lifetime = options.Value.AccessTokenLifetime;
        grant.AccessTokenHash = TokenDigest.Of(accessToken);
        grant.AccessTokenExpiresAt = (time.GetUtcNow() + lifetime).ToUnixTimeSeconds();
        await db.SaveChangesAsync(cancellationToken);
        directory.ForgetGrant(previous);
        return Token(accessToken, refreshToken, account);
    }

    private TokenModel Token(string accessToken, string refreshToken, Account account) =>
        new(accessToken, (long)options.Value.AccessTokenLifetime.TotalSeconds, "bearer", null, refreshToken, account.Id, account.Username);
}
