using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.RateLimits;

namespace Picshelf.Web;

public sealed class SignUpModel(AccountRegistration registration, AttemptThrottle throttle) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Username { get; private set; }
    public string? Email { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? username, string? email, string? password, CancellationToken cancellationToken)
    {
        Username = username;
        Email = email;
        var attempt = await throttle.SignUpAsync(HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (attempt.Refused)
        {
            Error = WebPages.Refuse(Response, attempt, "Too many accounts were created from your address this hour.");
            return Page();
        }
        try
        {
            var account = await registration.CreateAsync(username ?? "", email ?? "", password ?? "", cancellationToken);
            await WebPages.SignInAsync(HttpContext, account);
        }
        catch (ApiException refused)
        {
            // No account was made: a mistyped form must not use up the address's sign-ups.
            await throttle.ForgiveAsync(attempt);
            Error = refused.Message;
            Response.StatusCode = refused.Status;
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/settings/apps");
    }
}
