using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Accounts;
using Picshelf.Api;

namespace Picshelf.Web;

/// <summary>
/// The owner's password change. It asks for the current password, counted as a sign-in is (a stolen session must not
/// become a way to guess the password), and ends every other session of the account; this browser is signed in anew.
/// </summary>
public sealed class PasswordModel(AccountSignIn signIn, AccountAdministration administration, IPasswordAttemptThrottle throttle) : PageModel
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
        try
        {
            var forgive = await throttle.CountAsync(HttpContext.Connection.RemoteIpAddress, cancellationToken);
            var account = await signIn.VerifyAsync(User.Identity?.Name ?? "", currentPassword ?? "", cancellationToken);
            if (account is null)
            {
                return Refuse(StatusCodes.Status400BadRequest, WrongCurrentPassword);
            }
            await forgive();
            await administration.ReplacePasswordAsync(account, newPassword ?? "", cancellationToken);
            await WebPages.SignInAsync(HttpContext, account);
        }
        catch (ApiException refused)
        {
            Error = WebPages.Refuse(Response, refused);
            return Page();
        }
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
