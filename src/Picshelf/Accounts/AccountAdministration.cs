using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Accounts;

/// <summary>The operator's hold on an account (<c>users disable</c>, <c>users enable</c>), and its password, which its owner changes too.</summary>
public sealed class AccountAdministration(PicshelfDb db, AccountSessions sessions, TimeProvider time, IEnumerable<IAccountHoldListener> listeners,
    IEnumerable<IAccountSessionsEndedListener> sessionsEnded, IPasswordHasher<Account> passwordHasher)
{
    /// <summary>The operator's <c>users password</c>.</summary>
    public async Task SetPasswordAsync(string username, string password, CancellationToken cancellationToken)
    {
        var normalized = username.ToUpperInvariant();
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.NormalizedUsername == normalized, cancellationToken) ?? throw NotFound(username);
        await ReplacePasswordAsync(account, password, cancellationToken);
    }

    /// <summary>
    /// A new password, set by the operator or by the owner, ends every session of the account: whoever knew the old one and
    /// signed in with it is out. <paramref name="account"/> comes back with its new stamp, for the owner's own browser to sign in again.
    /// </summary>
    public async Task ReplacePasswordAsync(Account account, string password, CancellationToken cancellationToken)
    {
        AccountRegistration.CheckPassword(password);
        account.PasswordHash = passwordHasher.HashPassword(account, password);
        account.SecurityStamp = AccountSessions.NewStamp();
        await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(set => set
            .SetProperty(a => a.PasswordHash, account.PasswordHash).SetProperty(a => a.SecurityStamp, account.SecurityStamp), cancellationToken);
        sessions.Forget(account.Id);
        // A new password ends every sign-in, and with them what was given out for them (the upload page's tokens).
        foreach (var listener in sessionsEnded)
        {
            await listener.SessionsEndedAsync(account.Id, cancellationToken);
        }
    }

    /// <summary>
    /// A disabled account cannot sign in and its sessions end at once; its tokens are refused wherever they are checked
    /// (<c>OAuth/CallerDirectory</c>, <c>OAuth/TokenIssuer</c>) and leave the caches through each <see cref="IAccountHoldListener"/>.
    /// Enabling lets it sign in again and its unexpired tokens work again; the sessions it had stay ended.
    /// </summary>
    public async Task SetDisabledAsync(string username, bool disabled, CancellationToken cancellationToken)
    {
        var normalized = username.ToUpperInvariant();
        var accountId = await db.Accounts.Where(a => a.NormalizedUsername == normalized).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFound(username);
        var account = db.Accounts.Where(a => a.Id == accountId);
        if (disabled)
        {
            // A second disable keeps the time of the first.
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            await account.ExecuteUpdateAsync(set => set.SetProperty(a => a.DisabledAt, a => a.DisabledAt ?? now), cancellationToken);
            await sessions.EndAllAsync(db, accountId, cancellationToken);
        }
        else
        {
            await account.ExecuteUpdateAsync(set => set.SetProperty(a => a.DisabledAt, (long?)null), cancellationToken);
            sessions.Forget(accountId);
        }
        foreach (var listener in listeners)
        {
            await listener.AccountHoldChangedAsync(accountId, cancellationToken);
        }
    }

    /// <summary>The operator's <c>users list</c>: a page of accounts, oldest first, one more read to tell whether another page follows.</summary>
    public async Task<(IReadOnlyList<Account> Accounts, bool More)> ListAsync(int page, int perPage, CancellationToken cancellationToken)
    {
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Id).Skip(page * perPage).Take(perPage + 1).ToListAsync(cancellationToken);
        return (accounts.Take(perPage).ToList(), accounts.Count > perPage);
    }

    private static ApiException NotFound(string username) => AccountLookup.NotFound(username);
}
