using System.Net;
using Picshelf.Accounts;
using Picshelf.Api;

namespace Picshelf.RateLimits;

public sealed class PasswordAttemptThrottle(AttemptThrottle throttle) : IPasswordAttemptThrottle
{
    public async Task<Func<Task>> CountAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        var attempt = await throttle.SignInAsync(address, cancellationToken);
        return attempt.Refused
            ? throw ApiException.TooManyRequests(attempt.RefusalMessage("Too many wrong passwords from your address."), attempt.RetryAfter)
            : () => throttle.ForgiveAsync(attempt);
    }
}
