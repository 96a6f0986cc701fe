using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Picshelf.Web;

/// <summary>
/// Signing out is a POST with an antiforgery token, so no other site can sign a user out. It ends every session of the
/// account: one left open on another computer ends too.
/// </summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await WebPages.SignOutAsync(HttpContext);
        return LocalRedirect("/signin");
    }
}
