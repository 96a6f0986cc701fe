using System.Net;

namespace Picshelf.Accounts;

/// <summary>
/// Counts a password presented outside the sign-in page (deleting one's account over the API) as a sign-in attempt of
/// its address, so it is no way around the sign-in throttle to guess the password of a stolen token's account.
/// Declared here and implemented by RateLimits, which owns the shared counters.
/// </summary>
public interface IPasswordAttemptThrottle
{
    /// <summary>Counts one attempt before the password is checked, or refuses it with 429 and when to try again.</summary>
    /// <returns>What gives the count back once the password was right: only failures are limited.</returns>
    Task<Func<Task>> CountAsync(IPAddress? address, CancellationToken cancellationToken);
}
