using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;
using Picshelf.OAuth;

namespace Picshelf.Accounts;

/// <summary>
/// Deletes an account when its password is presented: its images (rows and files), its tokens and favorites,
/// and its applications with every token they gave (their rows stay, marked deleted, for the anonymous images
/// uploaded through them).
/// </summary>
public sealed class AccountDeletion(PicshelfDb db, IPasswordHasher<Account> passwordHasher, ImageRemoval images, CallerDirectory directory, TimeProvider time)
{
    /// <summary>
    /// Once the password is right, the deletion runs to its end whatever the caller does: the rows go in one
    /// transaction (images, grants, codes and favorites through the account's foreign keys), then the files.
    /// </summary>
    public async Task DeleteAsync(int accountId, string? password, CancellationToken cancellationToken)
    {
        var account = await AccountLookup.FindByIdAsync(db, accountId, cancellationToken);
        if (string.IsNullOrEmpty(password) || passwordHasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            throw ApiException.Forbidden("The password is incorrect: the account was not deleted");
        }
        var done = CancellationToken.None;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        List<string> imageIds, tokenDigests, applications;
        await using (var transaction = await db.Database.BeginTransactionAsync(done))
        {
            imageIds = await db.Images.Where(i => i.AccountId == accountId).Select(i => i.Id).ToListAsync(done);
            applications = await db.Clients.Where(c => c.OwnerAccountId == accountId).Select(c => c.Id).ToListAsync(done);
            tokenDigests = await db.AccessGrants.Where(g => g.AccountId == accountId || applications.Contains(g.ClientId))
                .Select(g => g.AccessTokenHash).ToListAsync(done);
            await ClientRegistration.DeleteWhatTheyGaveAsync(db, applications, done);
            await db.Clients.Where(c => c.OwnerAccountId == accountId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.OwnerAccountId, (int?)null).SetProperty(c => c.DeletedAt, now), done);
            await db.Accounts.Where(a => a.Id == accountId).ExecuteDeleteAsync(done);
            await transaction.CommitAsync(done);
        }
        foreach (var imageId in imageIds)
        {
            await images.RemoveFilesAsync(imageId);
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
