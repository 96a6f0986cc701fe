namespace Picshelf.Accounts;

/// <summary>
/// What a feature deletes with an account. Each step runs inside the deletion's transaction, before the account's row
/// goes (the rows that name the account go with it through their foreign keys); the work it returns runs once the
/// deletion is committed, for what no transaction covers: files and caches. Steps run in the order their features
/// were registered and must not depend on it.
/// </summary>
public interface IAccountDeletionStep
{
    Task<Func<Task>> DeleteAsync(int accountId, CancellationToken cancellationToken);
}
