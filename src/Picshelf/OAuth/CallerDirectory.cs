using System.Globalization;
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
    private const string Tokens = "token";
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
        invalidation.Listen(Tokens, digest => cache.Remove(TokenKey(digest)));
        invalidation.Listen(Grants, grantId => cache.Remove(GrantKey(grantId)));
    }

    /// <summary>Who a live access token speaks for, whether that account verified its e-mail, and when the token expires.</summary>
    public sealed record Grant(string ClientId, int AccountId, string Username, bool EmailVerified, long ExpiresAt);

    /// <summary>
    /// A cached access token names its grant instead of copying it, so forgetting the grant's one entry refuses every token
    /// of it in every process, without the revoker listing them (a refresh may be adding one meanwhile).
    /// </summary>
    private sealed record TokenOfGrant(long GrantId, long ExpiresAt);

    private sealed record GrantParties(string ClientId, int AccountId, string Username, bool EmailVerified);

    private sealed record Cached<T>(T Value, DateTimeOffset FreshUntil);

    public Task<ClientProfile?> FindClientAsync(string clientId, CancellationToken cancellationToken) =>
        clientId.Length is 0 or > 32
            ? Task.FromResult<ClientProfile?>(null)
            : CachedAsync(ClientKey(clientId), async db => await db.Clients
                .Where(c => c.Id == clientId && c.DeletedAt == null)
                .Select(c => new ClientProfile(c.Id, c.CreditsPerDay, c.UserCreditsPerHour, c.Commercial, c.BlockedUntil))
                .SingleOrDefaultAsync(cancellationToken));

    public void ForgetClient(string clientId) => invalidation.Forget(Clients, clientId);

    /// <summary>These access tokens stop, everywhere.</summary>
    public void ForgetTokens(IReadOnlyCollection<string> accessTokenDigests) => invalidation.Forget(Tokens, accessTokenDigests);

    /// <summary>Every access token of these grants stops, everywhere.</summary>
    public void ForgetGrants(IReadOnlyCollection<long> grantIds) =>
        invalidation.Forget(Grants, [.. grantIds.Select(id => id.ToString(CultureInfo.InvariantCulture))]);

    /// <summary>Every access token of the account stops, everywhere: it was disabled.</summary>
    public async Task ForgetAccountAsync(PicshelfDb db, int accountId, CancellationToken cancellationToken) =>
        ForgetGrants(await db.AccessGrants.Where(g => g.AccountId == accountId).Select(g => g.Id).ToListAsync(cancellationToken));

    /// <summary>A live access token with its application, which must still exist too, of an account that is not disabled.</summary>
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
        // A token not cached costs one query on the token's unique index, which brings its grant's parties along.
        var token = await CachedAsync(TokenKey(digest), async db =>
        {
            var found = await (
                from t in db.AccessTokens
                join g in db.AccessGrants on t.GrantId equals g.Id
                join a in db.Accounts on g.AccountId equals a.Id
                where t.TokenHash == digest && g.RevokedAt == null
                select new
                {
                    t.GrantId, t.ExpiresAt, Parties = new GrantParties(g.ClientId, g.AccountId, a.Username, a.EmailVerifiedAt != null), Disabled = a.DisabledAt != null,
                }).SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }
            // A disabled account's token is refused through its grant's entry, the one that enabling it forgets.
            Remember(GrantKey(found.GrantId), found.Disabled ? null : found.Parties);
            return new TokenOfGrant(found.GrantId, found.ExpiresAt);
        });
        if (token is null || token.ExpiresAt <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            return null;
        }
        var parties = await CachedAsync(GrantKey(token.GrantId), async db => await (
            from g in db.AccessGrants
            join a in db.Accounts on g.AccountId equals a.Id
            where g.Id == token.GrantId && g.RevokedAt == null && a.DisabledAt == null
            select new GrantParties(g.ClientId, g.AccountId, a.Username, a.EmailVerifiedAt != null)).SingleOrDefaultAsync(cancellationToken));
        return parties is null ? null : new Grant(parties.ClientId, parties.AccountId, parties.Username, parties.EmailVerified, token.ExpiresAt);
    }

    private static string ClientKey(string clientId) => "client:" + clientId;

    private static string TokenKey(string accessTokenDigest) => "token:" + accessTokenDigest;

    private static string GrantKey(long grantId) => GrantKey(grantId.ToString(CultureInfo.InvariantCulture));

    private static string GrantKey(string grantId) => "grant:" + grantId;

    private async Task<T?> CachedAsync<T>(string key, Func<PicshelfDb, Task<T?>> load) where T : class
    {
        if (cache.TryGetValue(key, out Cached<T?>? cached) && cached!.FreshUntil > time.GetUtcNow())
        {
            return cached.Value;
        }
        await using var scope = scopes.CreateAsyncScope();
        var value = await load(scope.ServiceProvider.GetRequiredService<PicshelfDb>());
        Remember(key, value);
        return value;
    }

    private void Remember<T>(string key, T? value) where T : class =>
        cache.Set(key, new Cached<T?>(value, time.GetUtcNow() + CacheTime), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheTime });
}
