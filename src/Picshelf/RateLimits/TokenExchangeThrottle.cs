using System.Net;
using Picshelf.Api;
using Picshelf.OAuth;

namespace Picshelf.RateLimits;

public sealed class TokenExchangeThrottle(AttemptThrottle throttle) : ITokenExchangeThrottle
{
    public async Task<Func<Task>> CountAddressAsync(IPAddress? address, CancellationToken cancellationToken) =>
        Forgiving(await throttle.TokenExchangeAsync(address, cancellationToken), "from this address");

    public async Task<Func<Task>> CountClientAsync(string clientId, CancellationToken cancellationToken) =>
        Forgiving(await throttle.TokenExchangeOfClientAsync(clientId, cancellationToken), "for this application");

    private Func<Task> Forgiving(AttemptThrottle.Attempt attempt, string whose) => attempt.Refused
        ? throw ApiException.TooManyRequests(attempt.RefusalMessage($"Too many failed token requests {whose}."), attempt.RetryAfter)
        : () => throttle.ForgiveAsync(attempt);
}
