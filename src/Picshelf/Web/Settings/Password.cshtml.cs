using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.RateLimits;

namespace Picshelf.Web;

/// <summary>
/// The owner's password change. It asks for the current password, counted as a sign-in is (a stolen session must not
/// become a way to guess the password), and ends every other session of the account; this browser is signed in anew.
/// </summary>
public sealed class PasswordModel(AccountSignIn signIn, AccountAdministration administration, AttemptThrottle throttle) : PageModel
{
    public const string WrongCurrentPassword = "The current password is incorrect.";

    public string? Error { get; private set; }
    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? currentPassword, string? newPassword, string? confirmPassword, CancellationToken cancellationToken)
    {
        if (newPassword != confirmPassword)
        {
            return Refuse(StatusCodes.Status400BadRequest, "The new password and its confirmation differ.");
        }
        var attempt = await throttle.SignInAsync(HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (attempt.Refused)
        {
            Error = WebPages.Refuse(Response, attempt, "Too many wrong passwords from your address.");
            return Page();
        }
        var account = await signIn.VerifyAsync(User.Identity?.Name ?? "", currentPassword ?? "", cancellationToken);
        if (account is null)
        {
            return Refuse(StatusCodes.Status400BadRequest, WrongCurrentPassword);
        }
        await throttle.ForgiveAsync(attempt);
        try
        {
            await administration.ReplacePasswordAsync(account, newPassword ?? "", cancellationToken);
        }
        catch (ApiException refused)
        {
            return Refuse(refused.Status, refused.Message);
        }
        await WebPages.SignInAsync(HttpContext, account);
        Changed = true;
        return Page();
    }

    private PageResult Refuse(int status, string error)
    {
        Response.StatusCode = status;
        Error = error;
        return Page();
    }
}
