using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Accounts;
using Picshelf.Api;

namespace Picshelf.Web;

/// <summary>The page the verification mail links to; opening it is what proves the address works.</summary>
public sealed class VerifyEmailModel(EmailVerification verification) : PageModel
{
    public string? Username { get; private set; }
    public string? Refusal { get; private set; }

    public async Task OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        try
        {
            Username = string.IsNullOrEmpty(token) ? null : await verification.VerifyAsync(token, cancellationToken);
        }
        catch (ApiException refused)
        {
            Refusal = refused.Message;
            Response.StatusCode = refused.Status;
            return;
        }
        if (Username is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
