using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Data;

namespace Picshelf.Accounts;

/// <summary>Holds the names accounts gave up for <see cref="AccountOptions.FreedUsernameHold"/>, for everyone but the account that gave each up.</summary>
public sealed class FreedUsernames(PicshelfDb db, IOptions<AccountOptions> options, TimeProvider time)
{
    private TimeSpan Hold => options.Value.FreedUsernameHold;

    /// <summary>
    /// Refuses a name another account gave up within the hold, as a name in use is refused; otherwise the name is free and
    /// any hold on it (expired, or the taker's own) goes.
    /// </summary>
    public async Task ClaimAsync(string username, int? takerAccountId, CancellationToken cancellationToken)
    {
        var normalized = username.ToUpperInvariant();
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Hold > TimeSpan.Zero && await db.FreedUsernames
            .AnyAsync(n => n.NormalizedUsername == normalized && n.HeldUntil > now && n.AccountId != takerAccountId, cancellationToken))
        {
            throw AccountRegistration.UsernameTaken(username);
        }
        await db.FreedUsernames.Where(n => n.NormalizedUsername == normalized).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Holds a name the account gives up; saved with the caller's next <c>SaveChangesAsync</c>.</summary>
    public async Task HoldAsync(string normalized, int accountId, CancellationToken cancellationToken)
    {
        if (Hold <= TimeSpan.Zero)
        {
            return;
        }
        var heldUntil = (time.GetUtcNow() + Hold).ToUnixTimeSeconds();
        var held = await db.FreedUsernames.SingleOrDefaultAsync(n => n.NormalizedUsername == normalized, cancellationToken);
        if (held is null)
        {
            db.FreedUsernames.Add(new FreedUsername { NormalizedUsername = normalized, AccountId = accountId, HeldUntil = heldUntil });
        }
        else
        {
            (held.AccountId, held.HeldUntil) = (accountId, heldUntil);
        }
    }
}
