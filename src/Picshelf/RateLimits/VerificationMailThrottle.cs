using System.Net;
using Picshelf.Accounts;
using Picshelf.Api;

namespace Picshelf.RateLimits;

public sealed class VerificationMailThrottle(AttemptThrottle throttle) : IVerificationMailThrottle
{
    public async Task CountAsync(int accountId, IPAddress? address, CancellationToken cancellationToken)
    {
        var attempt = await throttle.VerificationMailAsync(accountId, address, cancellationToken);
        if (attempt.Refused)
        {
            throw ApiException.TooManyRequests(attempt.RefusalMessage("Too many verification mails for this account or from your address."), attempt.RetryAfter);
        }
    }
}
