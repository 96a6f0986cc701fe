using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Accounts;

namespace Picshelf.Web;

public sealed class SignInModel(AccountSignIn signIn) : PageModel
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
        var outcome = await signIn.SignInAsync(username ?? "", password ?? "", HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (outcome.Account is null)
        {
            Error = outcome.Error;
            Response.StatusCode = outcome.Result == AccountSignIn.Result.LockedOut ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
            return Page();
        }
        await WebPages.SignInAsync(HttpContext, outcome.Account);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/settings/apps");
    }
}
