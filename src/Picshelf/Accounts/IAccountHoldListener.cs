namespace Picshelf.Accounts;

/// <summary>A feature that caches what an account may do (its tokens) and must look again when the operator disables or enables it.</summary>
public interface IAccountHoldListener
{
    Task AccountHoldChangedAsync(int accountId, CancellationToken cancellationToken);
}
