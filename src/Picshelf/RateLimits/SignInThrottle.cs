using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Picshelf.RateLimits;

/// <summary>
/// Failed sign-ins per address and window, counted in the credit counter (shared by every process when Redis is
/// configured). Every attempt is counted before the (slow) password check, so parallel guesses cannot all slip under
/// the limit; a successful one is given back.
/// </summary>
public sealed class SignInThrottle(ICreditCounter counter, IOptions<SignInThrottleOptions> options, TimeProvider time)
{
    /// <summary>An attempt as counted: refused when the address used up its window, with the message to show then.</summary>
    public sealed record Attempt(CreditBucket Bucket, DateTimeOffset CountedAt, bool Refused)
    {
        public string LockedOutMessage => "Too many failed sign-ins from your address. Try again after "
            + Bucket.ResetsAt.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC.";
    }

    public async Task<Attempt> CountAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var bucket = FailureBucket(address, now);
        var counted = await counter.ChargeAsync([bucket], now, cancellationToken);
        return new Attempt(bucket, now, !counted.Accepted);
    }

    /// <summary>A sign-in that succeeded was no failure: its count goes back to the window it was counted in.</summary>
    public async Task ForgiveAsync(Attempt attempt) =>
        await counter.ChargeAsync([attempt.Bucket with { Cost = -1 }], attempt.CountedAt, CancellationToken.None);

    private CreditBucket FailureBucket(IPAddress? address, DateTimeOffset now)
    {
        var window = (long)options.Value.Window.TotalSeconds;
        var index = now.ToUnixTimeSeconds() / window;
        return new CreditBucket($"signin:{CreditPolicy.AddressKey(address)}:{window}:{index}", options.Value.FailuresAllowed, 1,
            DateTimeOffset.FromUnixTimeSeconds((index + 1) * window));
    }
}
