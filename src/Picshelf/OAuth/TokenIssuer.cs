using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.OAuth;

/// <summary>Grants an account's access to a client: the one place tokens are made, for the CLI and later for /oauth2/token.</summary>
public sealed class TokenIssuer(PicshelfDb db, TimeProvider time, IOptions<AccessTokenOptions> options)
{
    public async Task<TokenModel> IssueAsync(string clientId, string username, CancellationToken cancellationToken)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken))
        {
            throw ApiException.BadRequest($"Invalid client_id {clientId}");
        }
        var normalized = username.ToUpperInvariant();
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.NormalizedUsername == normalized, cancellationToken)
            ?? throw ApiException.NotFound($"Unable to find an account with the username, {username}");

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
        return new TokenModel(accessToken, (long)lifetime.TotalSeconds, "bearer", null, refreshToken, account.Id, account.Username);
    }
}
