using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Picshelf.Data;

namespace Picshelf.Accounts;

/// <summary>
/// Checks a username and password. Whether the username exists or the password is wrong, the answer and the work are
/// the same, so neither the message nor the time tells which. The sign-in page counts attempts per address around it.
/// </summary>
public sealed class AccountSignIn(PicshelfDb db, IPasswordHasher<Account> passwordHasher)
{
    public const string WrongCredentials = "The username or password is incorrect.";
    public const string Disabled = "This account is disabled: ask the operator of this site.";

    // Verified against when the username does not exist, so an unknown user costs a hash check too.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<Account>().HashPassword(null!, "decoy password"));

    /// <summary>The account, or null when the username or the password is wrong.</summary>
    /// <remarks>This counts no attempts: a caller that takes passwords from the network throttles them first (<c>RateLimits/AttemptThrottle</c>).</remarks>
    public async Task<Account?> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        var normalized = username.Trim().ToUpperInvariant();
        var account = normalized.Length is > 0 and <= 63
            ? await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.NormalizedUsername == normalized, cancellationToken)
            : null;
        var verdict = passwordHasher.VerifyHashedPassword(account!, account?.PasswordHash ?? DecoyHash.Value, password);
        return account is null || verdict == PasswordVerificationResult.Failed ? null : account;
    }
}
