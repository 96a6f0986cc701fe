using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Picshelf.Data;
using Picshelf.OAuth;

namespace Picshelf.Web;

/// <summary>
/// <c>/oauth2/authorize</c>: a signed-in user allows or denies an application. Answers go only to the
/// redirect URL the application registered, never to one named in the request, and <c>state</c> always
/// travels back with them. A request that names no known application, an unknown response type, a
/// callback flow for an application without a callback URL, or an application whose callback URL the
/// registration rules (<see cref="RedirectUris"/>) refuse today gets an error page and goes nowhere.
/// </summary>
public sealed class AuthorizeModel(PicshelfDb db, TokenIssuer issuer, AuthorizationCodes codes) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "client_id")]
    public string? ClientId { get; set; }

    [BindProperty(SupportsGet = true, Name = "response_type")]
    public string? ResponseType { get; set; }

    /// <summary>Round-tripped exactly as sent, an empty or blank one too (spec: "your application receives the same value it sent"); null only when absent.</summary>
    [BindProperty(SupportsGet = true)]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? State { get; set; }

    public Client? Application { get; private set; }
    public string? Error { get; private set; }
    public string? Pin { get; private set; }
    public bool Denied { get; private set; }

    /// <summary>Where the answer goes, so the user sees it before allowing: a look-alike application name cannot hide it.</summary>
    public string? Destination => Application?.RedirectUri is { } redirectUri ? RedirectUris.Destination(redirectUri) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ValidateAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string? decision, CancellationToken cancellationToken)
    {
        if (await ValidateAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }
        var application = Application!;
        if (decision != "allow")
        {
            Denied = application.RedirectUri is null;
            return Denied ? Page() : Redirect(Answer(application.RedirectUri!, [new("error", "access_denied")]));
        }
        var accountId = WebPages.AccountId(User)!.Value;
        switch (ResponseType)
        {
            case "token":
                var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
                var token = await issuer.GrantAsync(application.Id, account, cancellationToken);
                return Redirect(Answer(application.RedirectUri!, [
                    new("access_token", token.AccessToken),
                    new("expires_in", token.ExpiresIn.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new("token_type", token.TokenType),
                    new("refresh_token", token.RefreshToken),
                    new("account_username", token.AccountUsername),
                    new("account_id", token.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ]));
            case "code":
                var code = await codes.CreateAsync(application.Id, accountId, AuthorizationCodeKind.Code, cancellationToken);
                return Redirect(Answer(application.RedirectUri!, [new("code", code)]));
            default:
                Pin = await codes.CreateAsync(application.Id, accountId, AuthorizationCodeKind.Pin, cancellationToken);
                return Page();
        }
    }

    /// <summary>Null when the request may go on; otherwise the error page, or the way to sign in first.</summary>
    private async Task<IActionResult?> ValidateAsync(CancellationToken cancellationToken)
    {
        Application = string.IsNullOrEmpty(ClientId) || ClientId.Length > 32
            ? null
            : await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == ClientId && c.DeletedAt == null, cancellationToken);
        Error = Application is null ? "No application is registered with this client_id."
            // Its tokens come from the site's own pages only: it has no secret anyone could exchange a code or PIN with.
            : Application.Id == SiteApplication.ClientId ? $"{Application.Name} is this site's own application: it cannot be authorized."
            : ResponseType is not ("token" or "code" or "pin") ? "response_type must be token, code or pin."
            : ResponseType != "pin" && Application.RedirectUri is null
                ? $"{Application.Name} has no callback URL registered, so it can only use response_type=pin."
            // Even a PIN flow redirects when the user denies, so no flow goes on with a callback URL that is no longer allowed.
            : Application.RedirectUri is { } stored && RedirectUris.RefusalOf(stored) is { } why
                ? $"{Application.Name} cannot be authorized: its callback URL was registered before today's rules and breaks one ({why}). Its developer must register it again."
            : null;
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return User.Identity?.IsAuthenticated == true ? null : Challenge();
    }

    /// <summary>
    /// The registered URL with the answer and <c>state</c>: in the fragment for <c>token</c> (it never reaches
    /// a server), in the query otherwise.
    /// </summary>
    private string Answer(string redirectUri, List<KeyValuePair<string, string?>> values)
    {
        if (State is not null)
        {
            values.Add(new("state", State));
        }
        if (ResponseType != "token")
        {
            return QueryHelpers.AddQueryString(redirectUri, values);
        }
        return redirectUri + "#" + string.Join('&', values.Select(v => Uri.EscapeDataString(v.Key) + "=" + Uri.EscapeDataString(v.Value ?? "")));
    }
}
