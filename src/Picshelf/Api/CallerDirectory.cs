using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Picshelf.Data;
using Picshelf.OAuth;

namespace Picshelf.Api;

/// <summary>
/// Looks up clients and access tokens, caching both briefly so an API call does not cost a database
/// round trip for its credentials. A revoked token stops working within <see cref="GrantCacheTime"/>.
/// </summary>
public sealed class CallerDirectory(IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider time)
{
    private static readonly TimeSpan ClientCacheTime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan GrantCacheTime = TimeSpan.FromSeconds(15);

    public sealed record Grant(string ClientId, int AccountId, string Username, long ExpiresAt);

    public async Task<bool> ClientExistsAsync(string clientId, CancellationToken cancellationToken)
    {
        if (clientId.Length is 0 or > 32)
        {
            return false;
        }
        var key = "client:" + clientId;
        if (cache.TryGetValue(key, out bool exists))
        {
            return exists;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PicshelfDb>();
        exists = await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken);
        cache.Set(key, exists, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ClientCacheTime });
        return exists;
    }

    public async Task<Grant?> FindGrantAsync(string accessToken, CancellationToken cancellationToken)
    {
        if (accessToken.Length is 0 or > 128)
        {
            return null;
        }
        var digest = TokenDigest.Of(accessToken);
        var key = "grant:" + digest;
        if (!cache.TryGetValue(key, out Grant? grant))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PicshelfDb>();
            grant = await (
                from g in db.AccessGrants
                join a in db.Accounts on g.AccountId equals a.Id
                where g.AccessTokenHash == digest && g.RevokedAt == null
                select new Grant(g.ClientId, g.AccountId, a.Username, g.AccessTokenExpiresAt)).SingleOrDefaultAsync(cancellationToken);
            cache.Set(key, grant, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = GrantCacheTime });
        }
        return grant is not null && grant.ExpiresAt > time.GetUtcNow().ToUnixTimeSeconds() ? grant : null;
    }
}
