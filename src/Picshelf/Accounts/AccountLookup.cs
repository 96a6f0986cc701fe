using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Accounts;

/// <summary>
/// Finds the account a route names: a username (any case), <c>me</c> for the caller's own, or
/// <c>?account_id=</c> on the base route. Owner-only routes also check that it is the caller's.
/// </summary>
public static class AccountLookup
{
    public static async Task<Account> FindAsync(PicshelfDb db, Caller caller, string username, CancellationToken cancellationToken)
    {
        if (username.Equals("me", StringComparison.OrdinalIgnoreCase))
        {
            // A caller without credentials has no "me": as without a public read, it is told to authenticate.
            var accountId = caller.AccountId
                ?? throw (caller.IsAnonymous ? ApiException.Unauthorized() : ApiException.Forbidden("This method requires authentication"));
            return await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
                ?? throw ApiException.InvalidToken();
        }
        var normalized = username.ToUpperInvariant();
        return (normalized.Length <= 63
                ? await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.NormalizedUsername == normalized, cancellationToken)
                : null)
            ?? throw NotFound(username);
    }

    public static async Task<Account> FindByIdAsync(PicshelfDb db, int accountId, CancellationToken cancellationToken) =>
        await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw ApiException.NotFound($"Unable to find an account with the id, {accountId}");

    /// <summary>The named account, when it is the caller's own: settings, images and favorites are the owner's only.</summary>
    public static async Task<Account> OwnAsync(PicshelfDb db, Caller caller, string username, CancellationToken cancellationToken)
    {
        if (caller.AccountId is null)
        {
            throw ApiException.Forbidden("This method requires authentication");
        }
        var account = await FindAsync(db, caller, username, cancellationToken);
        return account.Id == caller.AccountId ? account : throw ApiException.Forbidden("Unauthorized");
    }

    public static ApiException NotFound(string username) => ApiException.NotFound($"Unable to find an account with the username, {username}");
}
