namespace Picshelf.Accounts;

/// <summary>A feature that holds something on behalf of an account's sessions (the site's upload tokens) and drops it when they all end.</summary>
public interface IAccountSessionsEndedListener
{
    Task SessionsEndedAsync(int accountId, CancellationToken cancellationToken);
}
