namespace Picshelf.Accounts;

/// <summary>A feature that keeps an account's username beside its own rows (a cache) and must forget it when the account is renamed.</summary>
public interface IAccountRenameListener
{
    Task AccountRenamedAsync(int accountId, CancellationToken cancellationToken);
}
