using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Accounts;

public sealed partial class AccountRegistration(PicshelfDb db, TimeProvider time, IPasswordHasher<Account> passwordHasher, ChosenNames names,
    FreedUsernames freedUsernames)
{
    public const int MinimumPasswordLength = 8;

    public async Task<Account> CreateAsync(string username, string email, string password, CancellationToken cancellationToken)
    {
        CheckUsername(names, username);
        if (!IsValidEmail(email))
        {
            throw ApiException.BadRequest("The e-mail address is not valid");
        }
        CheckPassword(password);
        var normalized = username.ToUpperInvariant();
        if (await db.Accounts.AnyAsync(a => a.NormalizedUsername == normalized, cancellationToken))
        {
            throw UsernameTaken(username);
        }
        await freedUsernames.ClaimAsync(username, null, cancellationToken);
        var account = new Account
        {
            Username = username,
            NormalizedUsername = normalized,
            Email = email,
            PasswordHash = "",
            CreatedAt = time.GetUtcNow().ToUnixTimeSeconds(),
        };
        account.PasswordHash = passwordHasher.HashPassword(account, password);
        db.Accounts.Add(account);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(account).State = EntityState.Detached;
            // Another sign-up took the name between the check above and this insert.
            if (await db.Accounts.AsNoTracking().AnyAsync(a => a.NormalizedUsername == normalized, cancellationToken))
            {
                throw UsernameTaken(username);
            }
            throw;
        }
        return account;
    }

    /// <summary>Letters and digits only (so no invisible or direction characters), and not the site's own name.</summary>
    public static void CheckUsername(ChosenNames names, string username)
    {
        if (!IsValidUsername(username))
        {
            throw InvalidUsername();
        }
        names.Check("The username", username);
    }

    public static void CheckPassword(string password)
    {
        if (password.Length < MinimumPasswordLength)
        {
            throw ApiException.BadRequest($"The password must be at least {MinimumPasswordLength} characters");
        }
    }

    public static bool IsValidUsername(string username) => UsernamePattern().IsMatch(username);

    /// <summary>One plain address, as stored and mailed to: not a display form such as <c>Bob &lt;bob@example.com&gt;</c>.</summary>
    public static bool IsValidEmail(string email) =>
        email.Length <= 254 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;

    private static ApiException InvalidUsername() => ApiException.BadRequest("The username must be 4 to 63 letters and digits");

    public static ApiException UsernameTaken(string username) => ApiException.BadRequest($"The username {username} is taken");

    [GeneratedRegex("^[A-Za-z0-9]{4,63}\\z")]
    private static partial Regex UsernamePattern();
}
