using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Accounts;

/// <summary>
/// Verifies that an account's owner reads its e-mail: a link carrying the account, the address and an
/// expiry, sealed with the data-protection keys (so it cannot be forged or altered), valid for a day and
/// only while the account still has that address.
/// </summary>
public sealed class EmailVerification(PicshelfDb db, MailSender mail, IVerificationMailThrottle throttle, IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(1);
    public const string PagePath = "/account/verifyemail";

    private readonly IDataProtector protector = protection.CreateProtector("Picshelf.EmailVerification");

    /// <summary>Mails the link, at most so often per account and per <paramref name="address"/> (429 past that).</summary>
    public async Task SendAsync(Account account, IPAddress? address, CancellationToken cancellationToken)
    {
        if (account.EmailVerifiedAt is not null)
        {
            throw ApiException.BadRequest("User Previously Verified");
        }
        if (await VerifiedByAnother(account.Id, account.Email).AnyAsync(cancellationToken))
        {
            throw VerifiesAnother();
        }
        var expires = (time.GetUtcNow() + LinkLifetime).ToUnixTimeSeconds();
        var token = protector.Protect(string.Join('\n', account.Id.ToString(CultureInfo.InvariantCulture), account.Email, expires.ToString(CultureInfo.InvariantCulture)));
        // Built before counting: a server that refuses to mail costs nobody a mail of their allowance.
        var link = mail.LinkTo($"{PagePath}?token={Uri.EscapeDataString(token)}");
        await throttle.CountAsync(account.Id, address, cancellationToken);
        await mail.SendAsync(account.Email, "Verify your e-mail address for Picshelf",
            $"Hello {account.Username},\n\nopen this link within a day to verify the e-mail address of your Picshelf account:\n\n{link}\n\n"
            + "If you did not ask for this, ignore this mail.\n", cancellationToken);
    }

    /// <summary>
    /// The verified account's username, or null when the link is altered, expired or for an address the account no longer
    /// has; 409 when the address verifies another account by now.
    /// </summary>
    public async Task<string?> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        string[] parts;
        try
        {
            parts = protector.Unprotect(token).Split('\n');
        }
        catch (CryptographicException)
        {
            return null;
        }
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (parts.Length != 3 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var accountId)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var expires) || expires <= now)
        {
            return null;
        }
        var email = parts[1];
        // One statement, so two accounts verifying one address at once cannot both succeed.
        var verifiedElsewhere = VerifiedByAnother(accountId, email);
        var verified = await db.Accounts.Where(a => a.Id == accountId && a.Email == email && !verifiedElsewhere.Any())
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.EmailVerifiedAt, a => a.EmailVerifiedAt ?? now), cancellationToken);
        if (verified == 1)
        {
            return await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Username).SingleAsync(cancellationToken);
        }
        return await verifiedElsewhere.AnyAsync(cancellationToken) ? throw VerifiesAnother() : null;
    }

    /// <summary>
    /// An address verifies one account at most: a verified address is what <c>RateLimits:RequireVerifiedEmail</c> asks of
    /// an account before its tokens are charged as a user's, and one mailbox must not stand for a crowd of accounts.
    /// Addresses are compared without case, as mail servers treat the domain (and nearly all the local part).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1862",
        Justification = "A database query: EF Core translates ToLower to SQL's lower(), not string.Equals with a comparison.")]
    private IQueryable<Account> VerifiedByAnother(int accountId, string email)
    {
        var lowered = email.ToLowerInvariant();
        return db.Accounts.Where(other => other.Id != accountId && other.EmailVerifiedAt != null && other.Email.ToLower() == lowered);
    }

    private static ApiException VerifiesAnother() =>
        ApiException.Conflict("This e-mail address already verifies another account: use another address for this one.");
}
