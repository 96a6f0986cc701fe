using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Accounts;

/// <summary>
/// Deletes an account when its password is presented, or when the operator says so (<c>users delete</c>), with what each feature's <see cref="IAccountDeletionStep"/> deletes:
/// its images (rows and files), its tokens and favorites, and its applications with every token they gave (their rows
/// stay, marked deleted, for the anonymous images uploaded through them).
/// </summary>
public sealed class AccountDeletion(PicshelfDb db, IDatabaseDialect dialect, IPasswordHasher<Account> passwordHasher, IEnumerable<IAccountDeletionStep> steps,
    AccountSessions sessions, FreedUsernames freedUsernames, IPasswordAttemptThrottle throttle)
{
    /// <summary>
    /// Once the password is right, the deletion runs to its end whatever the caller does: the rows go in one
    /// transaction (images, grants, codes and favorites through the account's foreign keys), then the files and caches.
    /// </summary>
    public async Task DeleteAsync(int accountId, string? password, IPAddress? address, CancellationToken cancellationToken)
    {
        var account = await AccountLookup.FindByIdAsync(db, accountId, cancellationToken);
        // A stolen token must not be a way to guess its account's password faster than the sign-in page allows.
        var forgive = await throttle.CountAsync(address, cancellationToken);
        if (string.IsNullOrEmpty(password) || passwordHasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            throw ApiException.Forbidden("The password is incorrect: the account was not deleted");
        }
        await forgive();
        await RemoveAsync(account);
    }

    /// <summary>The operator's <c>users delete</c>: no password, the same deletion.</summary>
    public async Task DeleteAsync(string username, CancellationToken cancellationToken)
    {
        var normalized = username.ToUpperInvariant();
        await RemoveAsync(await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.NormalizedUsername == normalized, cancellationToken)
            ?? throw AccountLookup.NotFound(username));
    }

    private async Task RemoveAsync(Account account)
    {
        var accountId = account.Id;
        var done = CancellationToken.None;
        var afterwards = new List<Func<Task>>();
        await using (var transaction = await dialect.BeginWriteAsync(db, done))
        {
            // Votes, posts and comments by the account hold it shared: those under way finish first, later ones fail.
            await dialect.LockAccountAsync(db, accountId, exclusive: true, done);
            foreach (var step in steps)
            {
                afterwards.Add(await step.DeleteAsync(accountId, done));
            }
            await db.Accounts.Where(a => a.Id == accountId).ExecuteDeleteAsync(done);
            await freedUsernames.HoldAsync(account.NormalizedUsername, accountId, done);
            await db.SaveChangesAsync(done);
            await transaction.CommitAsync(done);
        }
        sessions.Forget(accountId);
        foreach (var work in afterwards)
        {
            await work();
        }
    }
}
