using System.Net;

namespace Picshelf.OAuth;

/// <summary>
/// Limits failed exchanges at <c>/oauth2/token</c> per address and per application, so secrets, PINs, codes and refresh
/// tokens cannot be guessed at speed. Declared here and implemented by RateLimits, which owns the shared counters.
/// </summary>
public interface ITokenExchangeThrottle
{
    /// <summary>
    /// Counts one exchange for its address before anything in it is checked; throws a 429 <see cref="Api.ApiException"/>
    /// with its <c>Retry-After</c> once the address has used up its failures for the window.
    /// </summary>
    /// <returns>What gives the count back once the exchange succeeded: successes are not limited.</returns>
    Task<Func<Task>> CountAddressAsync(IPAddress? address, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one exchange for its application once the client secret was verified (a wrong secret is the address's
    /// alone: anyone knows a client id); throws a 429 once the application has used up its failures for the window.
    /// </summary>
    /// <returns>What gives the count back once the exchange succeeded.</returns>
    Task<Func<Task>> CountClientAsync(string clientId, CancellationToken cancellationToken);
}
