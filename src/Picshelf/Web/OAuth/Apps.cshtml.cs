using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Api;
using Picshelf.OAuth;

namespace Picshelf.Web;

public sealed class AppsModel(ClientRegistration registration) : PageModel
{
    public IReadOnlyList<Client> Applications { get; private set; } = [];
    public CreatedClient? Renewed { get; private set; }
    public string? Message { get; private set; }

    private int Owner => WebPages.AccountId(User) ?? throw new InvalidOperationException("The page requires a signed-in account");

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Applications = await registration.OwnedByAsync(Owner, cancellationToken);

    public async Task<IActionResult> OnPostRegenerateAsync(string? clientId, CancellationToken cancellationToken) =>
        await ChangeAsync(async () => Renewed = await registration.RegenerateSecretAsync(clientId ?? "", Owner, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(string? clientId, CancellationToken cancellationToken) =>
        await ChangeAsync(async () =>
        {
            await registration.DeleteAsync(clientId ?? "", Owner, cancellationToken);
            Message = $"The application {clientId} is deleted, and every token it held with it.";
        }, cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<Task> change, CancellationToken cancellationToken)
    {
        try
        {
            await change();
        }
        catch (ApiException refused)
        {
            Message = refused.Message;
            Response.StatusCode = refused.Status;
        }
        Applications = await registration.OwnedByAsync(Owner, cancellationToken);
        return Page();
    }
}
