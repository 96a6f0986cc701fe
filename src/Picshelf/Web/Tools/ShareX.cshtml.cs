using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.OAuth;

namespace Picshelf.Web;

/// <summary>The signed-in user picks one of their applications and downloads a ShareX uploader that uploads as it.</summary>
public sealed class ShareXModel(ClientRegistration registration, PageLinks site) : PageModel
{
    public IReadOnlyList<Client> Applications { get; private set; } = [];
    public string? Error { get; private set; }

    private int Owner => WebPages.AccountId(User) ?? throw new InvalidOperationException("The page requires a signed-in account");

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Applications = await registration.OwnedByAsync(Owner, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? clientId, CancellationToken cancellationToken)
    {
        Applications = await registration.OwnedByAsync(Owner, cancellationToken);
        if (Applications.FirstOrDefault(application => application.Id == clientId) is not { } chosen)
        {
            // Someone else's application, or a deleted one: as unknown as one that never existed.
            Error = "You have no application with that client_id.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        var baseUrl = site.SiteBase(HttpContext);
        return File(ShareXUploader.For(baseUrl, chosen.Id), "application/json", ShareXUploader.FileName(baseUrl));
    }
}
