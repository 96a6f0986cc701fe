using System.Net;

namespace Picshelf.OAuth;

/// <summary>
/// Limits failed exchanges at <c>/oauth2/token</c> per address and per application, so secrets, PINs, codes and refresh
/// tokens cannot be guessed at speed. Declared here and implemented by RateLimits, which owns the shared counters.
/// </summary>
public interface ITokenExchangeThrottle
{
    /// <summary>
    /// Counts one exchange before its credentials are checked; throws a 429 <see cref="Api.ApiException"/> with its
    /// <c>Retry-After</c> once the address or the application has used up its failures for the window.
    /// </summary>
    /// <returns>What gives the count back once the exchange succeeded: successes are not limited.</returns>
    Task<Func<Task>> CountAsync(string clientId, IPAddress? address, CancellationToken cancellationToken);
}
