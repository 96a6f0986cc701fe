using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.OAuth;

/// <summary>
/// Looks up clients and access tokens, caching both briefly so an API call does not cost a database
/// round trip for its credentials. A change made by another process (a revoked token, new credit
/// limits, a lifted block) is forgotten everywhere through <see cref="CacheInvalidation"/> when Redis
/// is shared, and is seen within <see cref="CacheTime"/> at worst. Freshness is judged by
/// <see cref="TimeProvider"/>, so tests can move past it.
/// </summary>
public sealed class CallerDirectory
{
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(15);

    private const string Clients = "client";
    private const string Grants = "grant";

    private readonly IServiceScopeFactory scopes;
    private readonly IMemoryCache cache;
    private readonly TimeProvider time;
    private readonly CacheInvalidation invalidation;

    public CallerDirectory(IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider time, CacheInvalidation invalidation)
    {
        this.scopes = scopes;
        this.cache = cache;
        this.time = time;
        this.invalidation = invalidation;
        // Entries live seconds, so a process that missed messages need not drop them all.
        invalidation.Listen(Clients, clientId => cache.Remove(ClientKey(clientId)));
        invalidation.Listen(Grants, digest => cache.Remove(GrantKey(digest)));
    }

    public sealed record Grant(string ClientId, int AccountId, string Username, long ExpiresAt);

    private sealed record Cached<T>(T Value, DateTimeOffset FreshUntil);

    public Task<ClientProfile?> FindClientAsync(string clientId, CancellationToken cancellationToken) =>
        clientId.Length is 0 or > 32
            ? Task.FromResult<ClientProfile?>(null)
            : CachedAsync(ClientKey(clientId), async db => await db.Clients
                .Where(c => c.Id == clientId && c.DeletedAt == null)
                .Select(c => new ClientProfile(c.Id, c.CreditsPerDay, c.UserCreditsPerHour, c.Commercial, c.BlockedUntil))
                .SingleOrDefaultAsync(cancellationToken));

    public void ForgetClient(string clientId) => invalidation.Forget(Clients, clientId);

    public void ForgetGrant(string accessTokenDigest) => invalidation.Forget(Grants, accessTokenDigest);

    /// <summary>A live access token with its application, which must still exist too.</summary>
    public async Task<(Grant Grant, ClientProfile Client)?> FindBearerAsync(string accessToken, CancellationToken cancellationToken) =>
        await FindGrantAsync(accessToken, cancellationToken) is { } grant && await FindClientAsync(grant.ClientId, cancellationToken) is { } client
            ? (grant, client)
            : null;

    private async Task<Grant?> FindGrantAsync(string accessToken, CancellationToken cancellationToken)
    {
        if (accessToken.Length is 0 or > 128)
        {
            return null;
        }
        var digest = TokenDigest.Of(accessToken);
        var grant = await CachedAsync(GrantKey(digest), async db => await (
            from g in db.AccessGrants
            join a in db.Accounts on g.AccountId equals a.Id
            where g.AccessTokenHash == digest && g.RevokedAt == null
            select new Grant(g.ClientId, g.AccountId, a.Username, g.AccessTokenExpiresAt)).SingleOrDefaultAsync(cancellationToken));
        return grant is not null && grant.ExpiresAt > time.GetUtcNow().ToUnixTimeSeconds() ? grant : null;
    }

    private static string ClientKey(string clientId) => "client:" + clientId;

    private static string GrantKey(string accessTokenDigest) => "grant:" + accessTokenDigest;

    private async Task<T?> CachedAsync<T>(string key, Func<PicshelfDb, Task<T?>> load) where T : class
    {
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out Cached<T?>? cached) && cached!.FreshUntil > now)
        {
            return cached.Value;
        }
        await using var scope = scopes.CreateAsyncScope();
        var value = await load(scope.ServiceProvider.GetRequiredService<PicshelfDb>());
        cache.Set(key, new Cached<T?>(value, now + CacheTime), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheTime });
        return value;
    }
}
