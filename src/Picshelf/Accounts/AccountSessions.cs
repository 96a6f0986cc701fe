using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Picshelf.Data;

namespace Picshelf.Accounts;

/// <summary>
/// What a session cookie is checked against on each request: the account's name and security stamp, or nothing when
/// the account is gone or disabled. Kept for <see cref="CheckInterval"/> per process so the check costs no query on most
/// requests; a new stamp is forgotten at once here and, through Redis, in the other processes, which otherwise see it
/// when their entry turns stale.
/// </summary>
public sealed class AccountSessions
{
    /// <summary>How long a process may go on trusting a stamp it read: a sign-out elsewhere shows within this time.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    private const string Kind = "session";

    private readonly IServiceScopeFactory scopes;
    private readonly IMemoryCache cache;
    private readonly TimeProvider time;
    private readonly CacheInvalidation invalidation;

    public AccountSessions(IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider time, CacheInvalidation invalidation)
    {
        this.scopes = scopes;
        this.cache = cache;
        this.time = time;
        this.invalidation = invalidation;
        invalidation.Listen(Kind, accountId => cache.Remove(Key(accountId)));
    }

    public sealed record Session(string Username, string Stamp);

    private sealed record Cached(Session? Session, DateTimeOffset ReadAt, DateTimeOffset FreshUntil);

    /// <summary>128 random bits: a stamp cannot be guessed, so a cookie cannot be forged for a stamp yet to come.</summary>
    public static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// The account's session facts, or null when it no longer exists or is disabled. An entry that agrees with the cookie's
    /// <paramref name="stamp"/> is trusted; so is one that disagrees when it was read after the cookie's sign-in
    /// (<paramref name="signedInAt"/>, Unix seconds), since the cookie's stamp had been replaced by then: a kept copy of an
    /// ended session costs no query. One read before the sign-in may be older than the cookie (signed in through another
    /// process after a sign-out this one has not heard of), so it is read again before the cookie is refused.
    /// </summary>
    public async Task<Session?> FindAsync(int accountId, string? stamp, long signedInAt, CancellationToken cancellationToken)
    {
        var key = Key(accountId.ToString(CultureInfo.InvariantCulture));
        var now = time.GetUtcNow();
        // A second's slack, as the sign-in time has whole seconds.
        if (cache.TryGetValue(key, out Cached? cached) && cached!.FreshUntil > now
            && (cached.Session?.Stamp == stamp || cached.ReadAt.ToUnixTimeSeconds() > signedInAt + 1))
        {
            return cached.Session;
        }
        await using var scope = scopes.CreateAsyncScope();
        var session = await scope.ServiceProvider.GetRequiredService<PicshelfDb>().Accounts
            .Where(a => a.Id == accountId && a.DisabledAt == null)
            .Select(a => new Session(a.Username, a.SecurityStamp)).SingleOrDefaultAsync(cancellationToken);
        cache.Set(key, new Cached(session, now, now + CheckInterval),
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CheckInterval });
        return session;
    }

    /// <summary>The stamp a new session of the account carries.</summary>
    public async Task<string> StampForSignInAsync(PicshelfDb db, Account account, CancellationToken cancellationToken)
    {
        if (account.SecurityStamp.Length > 0)
        {
            return account.SecurityStamp;
        }
        // An account from before stamps has none, which no cookie may match: its first sign-in gives it one (or takes the
        // one a concurrent sign-in gave).
        await db.Accounts.Where(a => a.Id == account.Id && a.SecurityStamp == "")
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.SecurityStamp, NewStamp()), cancellationToken);
        Forget(account.Id);
        return await db.Accounts.Where(a => a.Id == account.Id).Select(a => a.SecurityStamp).SingleAsync(cancellationToken);
    }

    /// <summary>Ends every session of the account, in every process: sign-out, a new password, a disable.</summary>
    public async Task EndAllAsync(PicshelfDb db, int accountId, CancellationToken cancellationToken)
    {
        await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(set => set.SetProperty(a => a.SecurityStamp, NewStamp()), cancellationToken);
        Forget(accountId);
    }

    /// <summary>What this and every other process knows of the account's sessions is stale: a rename, a deletion, a disable.</summary>
    public void Forget(int accountId) => invalidation.Forget(Kind, accountId.ToString(CultureInfo.InvariantCulture));

    private static string Key(string accountId) => "session:" + accountId;
}
