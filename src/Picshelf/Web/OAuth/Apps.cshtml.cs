using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Api;
using Picshelf.OAuth;

namespace Picshelf.Web;

/// <summary>The applications the account registered, and those it allowed, which it may take back here.</summary>
public sealed class AppsModel(ClientRegistration registration, AuthorizedApplications authorized) : PageModel
{
    public IReadOnlyList<Client> Applications { get; private set; } = [];
    public IReadOnlyList<AuthorizedApplication> Allowed { get; private set; } = [];
    public CreatedClient? Renewed { get; private set; }
    public string? Message { get; private set; }

    private int Owner => WebPages.AccountId(User) ?? throw new InvalidOperationException("The page requires a signed-in account");

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRegenerateAsync(string? clientId, CancellationToken cancellationToken) =>
        await ChangeAsync(async () => Renewed = await registration.RegenerateSecretAsync(clientId ?? "", Owner, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(string? clientId, CancellationToken cancellationToken) =>
        await ChangeAsync(async () =>
        {
            await registration.DeleteAsync(clientId ?? "", Owner, cancellationToken);
            Message = $"The application {clientId} is deleted, and every token it held with it.";
        }, cancellationToken);

    public async Task<IActionResult> OnPostRevokeAsync(string? clientId, CancellationToken cancellationToken) =>
        await ChangeAsync(async () =>
        {
            await authorized.RevokeAsync(Owner, clientId ?? "", cancellationToken);
            Message = $"The application {clientId} no longer has access to your account: its tokens stopped working.";
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
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Applications = await registration.OwnedByAsync(Owner, cancellationToken);
        Allowed = await authorized.ListAsync(Owner, cancellationToken);
    }
}
