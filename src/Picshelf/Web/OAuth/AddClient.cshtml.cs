using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Api;
using Picshelf.OAuth;
using Picshelf.RateLimits;

namespace Picshelf.Web;

public sealed class AddClientModel(ClientRegistration registration, AttemptThrottle throttle) : PageModel
{
    public CreatedClient? Created { get; private set; }
    public string? Error { get; private set; }
    public string? Name { get; private set; }
    public string? Kind { get; private set; }
    public string? RedirectUri { get; private set; }
    public string? Website { get; private set; }
    public string? Email { get; private set; }
    public string? Description { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? name, string? kind, [FromForm(Name = "redirect_uri")] string? redirectUri,
        string? website, string? email, string? description, CancellationToken cancellationToken)
    {
        (Name, Kind, RedirectUri, Website, Email, Description) = (name, kind, redirectUri, website, email, description);
        if (kind != "pin" && string.IsNullOrWhiteSpace(redirectUri))
        {
            return Refuse("An application with a callback needs its callback URL; choose the PIN type for none");
        }
        var attempt = await throttle.ApplicationRegistrationAsync(HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (attempt.Refused)
        {
            Error = WebPages.Refuse(Response, attempt, "Too many applications were registered from your address this hour.");
            return Page();
        }
        try
        {
            Created = await registration.CreateAsync(new ClientDetails(name ?? "", kind == "pin" ? null : redirectUri, website, email, description),
                WebPages.AccountId(User), cancellationToken);
        }
        catch (ApiException refused)
        {
            // Nothing was registered: a mistyped form must not use up the address's registrations.
            await throttle.ForgiveAsync(attempt);
            return Refuse(refused.Message);
        }
        return Page();
    }

    private PageResult Refuse(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
