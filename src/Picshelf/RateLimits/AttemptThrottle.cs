using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Picshelf.RateLimits;

/// <summary>
/// Attempts per address (and per application at the token endpoint) and fixed window, counted in the credit counter,
/// so every process shares them when Redis is configured. An attempt is counted before the work it guards (a slow
/// password check, an insert), so parallel attempts cannot all slip under the limit; one the limit should not count
/// (a sign-in that succeeded, a sign-up the form refused) is given back.
/// </summary>
public sealed class AttemptThrottle(ICreditCounter counter, IOptions<SignInThrottleOptions> signIn, IOptions<ThrottleOptions> throttles,
    IOptions<VerificationMailOptions> mail, TimeProvider time)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>An attempt as counted: refused when one of its windows was used up, until <see cref="RetryAt"/>.</summary>
    public sealed record Attempt(CreditBucket[] Buckets, DateTimeOffset CountedAt, CreditReceipt Receipt)
    {
        public bool Refused => !Receipt.Accepted;

        public DateTimeOffset RetryAt => Refused ? Buckets[Receipt.RefusedBucket].ResetsAt : CountedAt;

        public TimeSpan RetryAfter => RetryAt - CountedAt;

        /// <summary>"… Try again after 10:00 UTC." (with the date when it is not today's), for a page or an error to show.</summary>
        public string RefusalMessage(string what) =>
            $"{what} Try again after {RetryAt.ToString(RetryAt.UtcDateTime.Date == CountedAt.UtcDateTime.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.";
    }

    /// <summary>A sign-in, given back when it succeeds: only failures are limited.</summary>
    public Task<Attempt> SignInAsync(IPAddress? address, CancellationToken cancellationToken) =>
        CountAsync([("signin", AddressKey(address), signIn.Value.FailuresAllowed, signIn.Value.Window)], cancellationToken);

    public Task<Attempt> SignUpAsync(IPAddress? address, CancellationToken cancellationToken) =>
        CountAsync([("signup", AddressKey(address), throttles.Value.SignUpsPerHour, Hour)], cancellationToken);

    public Task<Attempt> ApplicationRegistrationAsync(IPAddress? address, CancellationToken cancellationToken) =>
        CountAsync([("addclient", AddressKey(address), throttles.Value.ApplicationsPerHour, Hour)], cancellationToken);

    /// <summary>An exchange at the token endpoint, counted for its address before anything in it is checked; given back when it succeeds.</summary>
    public Task<Attempt> TokenExchangeAsync(IPAddress? address, CancellationToken cancellationToken) =>
        CountAsync([("token", AddressKey(address), throttles.Value.TokenFailuresPerAddress, throttles.Value.TokenFailureWindow)], cancellationToken);

    /// <summary>
    /// An exchange counted for the application it names, only once its secret was right: the client id is public, so
    /// counting wrong secrets here would let anyone lock an application out. Given back when the exchange succeeds.
    /// </summary>
    public Task<Attempt> TokenExchangeOfClientAsync(string clientId, CancellationToken cancellationToken) =>
        CountAsync([("token-client", clientId, throttles.Value.TokenFailuresPerClient, throttles.Value.TokenFailureWindow)], cancellationToken);

    /// <summary>A verification mail, counted for the account and for the address it is asked from.</summary>
    public Task<Attempt> VerificationMailAsync(int accountId, IPAddress? address, CancellationToken cancellationToken)
    {
        var settings = mail.Value;
        return CountAsync(
        [
            ("verifymail-account", accountId.ToString(CultureInfo.InvariantCulture), settings.VerificationsPerAccount, settings.VerificationWindow),
            ("verifymail-address", AddressKey(address), settings.VerificationsPerAddress, settings.VerificationWindow),
        ], cancellationToken);
    }

    /// <summary>Gives the attempt back to the windows it was counted in.</summary>
    public async Task ForgiveAsync(Attempt attempt)
    {
        if (!attempt.Refused)
        {
            await counter.ChargeAsync([.. attempt.Buckets.Select(b => b with { Cost = -1 })], attempt.CountedAt, CancellationToken.None);
        }
    }

    private async Task<Attempt> CountAsync((string Name, string Subject, int Allowed, TimeSpan Window)[] limits, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var buckets = limits.Select(limit =>
        {
            var window = (long)limit.Window.TotalSeconds;
            var index = now.ToUnixTimeSeconds() / window;
            return new CreditBucket($"{limit.Name}:{limit.Subject}:{window}:{index}", limit.Allowed, 1, DateTimeOffset.FromUnixTimeSeconds((index + 1) * window));
        }).ToArray();
        return new Attempt(buckets, now, await counter.ChargeAsync(buckets, now, cancellationToken));
    }

    private static string AddressKey(IPAddress? address) => CreditPolicy.AddressKey(address);
}
