using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Data;

namespace Picshelf.OAuth;

/// <summary>
/// With an account go its tokens and its applications' tokens. The applications stay as deleted rows without an owner:
/// anonymous images uploaded through them still name them. Both leave the credential caches of every process afterwards.
/// </summary>
public sealed class ApplicationsAccountDeletion(PicshelfDb db, CallerDirectory directory, TimeProvider time) : IAccountDeletionStep
{
    public async Task<Func<Task>> DeleteAsync(int accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var applications = await db.Clients.Where(c => c.OwnerAccountId == accountId).Select(c => c.Id).ToListAsync(cancellationToken);
        // The applications' grants need no forgetting of their own: a Bearer call is refused once its application is forgotten.
        var grants = await db.AccessGrants.Where(g => g.AccountId == accountId).Select(g => g.Id).ToListAsync(cancellationToken);
        await ClientRegistration.DeleteWhatTheyGaveAsync(db, applications, cancellationToken);
        await db.Clients.Where(c => c.OwnerAccountId == accountId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.OwnerAccountId, (int?)null).SetProperty(c => c.DeletedAt, now), cancellationToken);
        return () =>
        {
            directory.ForgetGrants(grants);
            foreach (var application in applications)
            {
                directory.ForgetClient(application);
            }
            return Task.CompletedTask;
        };
    }
}
