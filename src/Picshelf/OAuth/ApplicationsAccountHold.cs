using Picshelf.Accounts;
using Picshelf.Data;

namespace Picshelf.OAuth;

/// <summary>A disabled account's tokens are refused, and an enabled one's accepted again, in every process, not when their cache entries age.</summary>
public sealed class ApplicationsAccountHold(PicshelfDb db, CallerDirectory directory) : IAccountHoldListener
{
    public Task AccountHoldChangedAsync(int accountId, CancellationToken cancellationToken) => directory.ForgetAccountAsync(db, accountId, cancellationToken);
}
