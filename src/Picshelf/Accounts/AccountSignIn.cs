using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Data;
using Picshelf.RateLimits;

namespace Picshelf.Accounts;

public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    /// <summary>Failed sign-ins one address may make per window before it has to wait for the next one.</summary>
    [Range(1, 1_000_000)]
    public int FailuresAllowed { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Checks a username and password. Whether the username exists or the password is wrong, the answer and
/// the work are the same, so neither the message nor the time tells which. Failures are counted per
/// address in the credit counter (shared by every process when Redis is configured).
/// </summary>
public sealed class AccountSignIn(PicshelfDb db, IPasswordHasher<Account> passwordHasher, ICreditCounter counter,
    IOptions<SignInThrottleOptions> options, TimeProvider time)
{
    public const string WrongCredentials = "The username or password is incorrect.";

    // Verified against when the username does not exist, so an unknown user costs a hash check too.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<Account>().HashPassword(null!, "decoy password"));

    public enum Result
    {
        SignedIn,
        WrongCredentials,
        LockedOut,
    }

    public sealed record Outcome(Result Result, Account? Account, string? Error);

    public async Task<Outcome> SignInAsync(string username, string password, IPAddress? address, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var attempt = FailureBucket(address, now);
        // Every attempt is counted before the (slow) password check, so parallel guesses cannot all slip
        // under the limit; a successful one gives its count back.
        var counted = await counter.ChargeAsync([attempt], now, cancellationToken);
        if (!counted.Accepted)
        {
            return new Outcome(Result.LockedOut, null, "Too many failed sign-ins from your address. Try again after "
                + attempt.ResetsAt.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC.");
        }

        var normalized = username.Trim().ToUpperInvariant();
        var account = normalized.Length is > 0 and <= 63
            ? await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.NormalizedUsername == normalized, cancellationToken)
            : null;
        var verdict = passwordHasher.VerifyHashedPassword(account!, account?.PasswordHash ?? DecoyHash.Value, password);
        if (account is null || verdict == PasswordVerificationResult.Failed)
        {
            return new Outcome(Result.WrongCredentials, null, WrongCredentials);
        }
        await counter.ChargeAsync([attempt with { Cost = -1 }], now, CancellationToken.None);
        return new Outcome(Result.SignedIn, account, null);
    }

    private CreditBucket FailureBucket(IPAddress? address, DateTimeOffset now)
    {
        var window = (long)options.Value.Window.TotalSeconds;
        var index = now.ToUnixTimeSeconds() / window;
        return new CreditBucket($"signin:{CreditPolicy.AddressKey(address)}:{window}:{index}", options.Value.FailuresAllowed, 1,
            DateTimeOffset.FromUnixTimeSeconds((index + 1) * window));
    }
}
