using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Accounts;
using Picshelf.Api;

namespace Picshelf.Web;

public sealed class SignUpModel(AccountRegistration registration) : PageModel
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
        try
        {
            var account = await registration.CreateAsync(username ?? "", email ?? "", password ?? "", cancellationToken);
            await WebPages.SignInAsync(HttpContext, account);
        }
        catch (ApiException refused)
        {
            Error = refused.Message;
            Response.StatusCode = refused.Status;
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/settings/apps");
    }
}
