using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Accounts;
using Picshelf.RateLimits;

namespace Picshelf.Web;

public sealed class SignInModel(AccountSignIn signIn, AttemptThrottle throttle) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Username { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? username, string? password, CancellationToken cancellationToken)
    {
        Username = username;
        var attempt = await throttle.SignInAsync(HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (attempt.Refused)
        {
            Error = WebPages.Refuse(Response, attempt, "Too many failed sign-ins from your address.");
            return Page();
        }
        var account = await signIn.VerifyAsync(username ?? "", password ?? "", cancellationToken);
        if (account is null)
        {
            Error = AccountSignIn.WrongCredentials;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await throttle.ForgiveAsync(attempt);
        if (account.DisabledAt is not null)
        {
            // Said only to whoever knows the password: to anyone else a disabled account looks like any other.
            Error = AccountSignIn.Disabled;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        await WebPages.SignInAsync(HttpContext, account);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/settings/apps");
    }
}
