using System.Net;
using Picshelf.Api;
using Picshelf.OAuth;

namespace Picshelf.RateLimits;

public sealed class TokenExchangeThrottle(AttemptThrottle throttle) : ITokenExchangeThrottle
{
    public async Task<Func<Task>> CountAsync(string clientId, IPAddress? address, CancellationToken cancellationToken)
    {
        var attempt = await throttle.TokenExchangeAsync(clientId, address, cancellationToken);
        if (attempt.Refused)
        {
            throw ApiException.TooManyRequests(attempt.RefusalMessage("Too many failed token requests from this address or for this application."), attempt.RetryAfter);
        }
        return () => throttle.ForgiveAsync(attempt);
    }
}
