using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Picshelf.Accounts;

namespace Picshelf.RateLimits;

/// <summary>
/// Verification mails per account and per address and window, in the credit counter (shared by every process when Redis
/// is configured). Both are charged at once or neither: a mail refused for the address costs the account nothing.
/// </summary>
public sealed class VerificationMailThrottle(ICreditCounter counter, IOptions<VerificationMailOptions> options, TimeProvider time) : IVerificationMailThrottle
{
    public async Task<DateTimeOffset?> RefusedUntilAsync(int accountId, IPAddress? address, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var window = (long)settings.VerificationWindow.TotalSeconds;
        var index = now.ToUnixTimeSeconds() / window;
        var resetsAt = DateTimeOffset.FromUnixTimeSeconds((index + 1) * window);
        var counted = await counter.ChargeAsync(
        [
            new CreditBucket($"verifymail:account:{accountId.ToString(CultureInfo.InvariantCulture)}:{window}:{index}", settings.VerificationsPerAccount, 1, resetsAt),
            new CreditBucket($"verifymail:address:{CreditPolicy.AddressKey(address)}:{window}:{index}", settings.VerificationsPerAddress, 1, resetsAt),
        ], now, cancellationToken);
        return counted.Accepted ? null : resetsAt;
    }
}
