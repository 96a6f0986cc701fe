using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Accounts;

/// <summary>
/// Deletes an account when its password is presented: its images (rows and files), its tokens and favorites,
/// and its applications (whose rows stay, marked deleted, for the anonymous images uploaded through them).
/// </summary>
public sealed class AccountDeletion(PicshelfDb db, IPasswordHasher<Account> passwordHasher, ImageRemoval images, CallerDirectory directory, TimeProvider time)
{
    public async Task DeleteAsync(int accountId, string? password, CancellationToken cancellationToken)
    {
        var account = await AccountLookup.FindByIdAsync(db, accountId, cancellationToken);
        if (string.IsNullOrEmpty(password) || passwordHasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            throw ApiException.Forbidden("The password is incorrect: the account was not deleted");
        }
        foreach (var imageId in await db.Images.Where(i => i.AccountId == accountId).Select(i => i.Id).ToListAsync(cancellationToken))
        {
            await images.DeleteAsync(imageId, cancellationToken);
        }
        var tokenDigests = await db.AccessGrants.Where(g => g.AccountId == accountId).Select(g => g.AccessTokenHash).ToListAsync(cancellationToken);
        var applications = await db.Clients.Where(c => c.OwnerAccountId == accountId).Select(c => c.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.AccessGrants.Where(g => applications.Contains(g.ClientId)).ExecuteDeleteAsync(cancellationToken);
            await db.AuthorizationCodes.Where(c => applications.Contains(c.ClientId)).ExecuteDeleteAsync(cancellationToken);
            await db.Clients.Where(c => c.OwnerAccountId == accountId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.OwnerAccountId, (int?)null).SetProperty(c => c.DeletedAt, now), cancellationToken);
            // Grants, codes and favorites of the account go with its row through their foreign keys.
            await db.Accounts.Where(a => a.Id == accountId).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        foreach (var digest in tokenDigests)
        {
            directory.ForgetGrant(digest);
        }
        foreach (var application in applications)
        {
            directory.ForgetClient(application);
        }
    }
}
