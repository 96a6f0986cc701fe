using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Web;

/// <summary>
/// The owner's account settings. Each form goes through the service its API endpoint calls, so the rules and messages are
/// the API's: the settings and avatar through <see cref="AccountSettings"/> (<c>PUT /3/account/me/settings</c>), the
/// verification mail through <see cref="EmailVerification"/> and its throttle (<c>POST /3/account/me/verifyemail</c>),
/// and deletion through <see cref="AccountDeletion"/> (<c>POST /3/account/me/delete</c>), whose wrong passwords count as
/// failed sign-ins. Each is charged first as its API call would be (<see cref="PageCallers"/>).
/// </summary>
public sealed class SettingsModel(PicshelfDb db, AccountSettings settings, EmailVerification verification, AccountDeletion deletion, PublicLinks links,
    PageCallers callers)
    : PageModel
{
    public const string DeletedLocation = "/?account=deleted";

    /// <summary>The keys the settings form sends as text, as the API names them.</summary>
    public static readonly string[] TextKeys = ["username", "bio", "album_privacy", "avatar"];

    /// <summary>The on/off settings: an unticked box sends nothing, which here means off.</summary>
    public static readonly (string Key, string Label)[] Flags =
    [
        ("public_images", "Make my new images public"),
        ("messaging_enabled", "Let other users send me messages"),
        ("accepted_gallery_terms", "I accept the gallery terms"),
        ("show_mature", "Show mature content"),
        ("newsletter_subscribed", "Send me the newsletter"),
    ];

    /// <summary>What the settings form shows: the saved values, or the refused ones to correct.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>A refused setting's key and the API's message, shown beside its input.</summary>
    public (string Field, string Message)? SettingsError { get; private set; }

    public string Email { get; private set; } = "";
    public bool EmailVerified { get; private set; }
    public string? MailMessage { get; private set; }
    public string? DeletionError { get; private set; }
    public IReadOnlyList<AvailableAvatarModel> AvailableAvatars { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Mailed { get; set; }

    private int Owner => WebPages.AccountId(User) ?? throw new InvalidOperationException("The page requires a signed-in account");

    public string? ErrorFor(string field) => SettingsError is { } error && error.Field == field ? error.Message : null;

    public string ValueOf(string key) => Values.GetValueOrDefault(key) ?? "";

    public bool IsOn(string key) => ValueOf(key).Equals("true", StringComparison.OrdinalIgnoreCase) || ValueOf(key) == "1";

    public async Task OnGetAsync(CancellationToken cancellationToken) => Show(await AccountAsync(cancellationToken));

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var form = await Request.ReadFormAsync(cancellationToken);
        var fields = TextKeys.Where(form.ContainsKey).ToDictionary(key => key, key => form[key].ToString(), StringComparer.Ordinal);
        foreach (var (key, _) in Flags)
        {
            fields[key] = form.TryGetValue(key, out var value) ? value.ToString() : "false";
        }
        try
        {
            await callers.ChangingAsync(HttpContext, cancellationToken);
            await settings.ChangeAsync(Owner, fields, cancellationToken);
            return LocalRedirect("/account/settings?saved=true");
        }
        catch (ApiException refused)
        {
            SettingsError = (refused.Field ?? "", WebPages.Refuse(Response, refused));
        }
        // The account as saved, with the refused form over it, so the owner corrects the input rather than retyping it.
        Show(await AccountAsync(cancellationToken));
        foreach (var (key, value) in fields)
        {
            Values[key] = value;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        var account = await AccountAsync(cancellationToken);
        try
        {
            await callers.ChangingAsync(HttpContext, cancellationToken);
            await verification.SendAsync(account, HttpContext.Connection.RemoteIpAddress, cancellationToken);
            return LocalRedirect("/account/settings?mailed=true");
        }
        catch (ApiException refused)
        {
            MailMessage = WebPages.Refuse(Response, refused);
        }
        Show(account);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string? password, CancellationToken cancellationToken)
    {
        try
        {
            await callers.ChangingAsync(HttpContext, cancellationToken);
            await deletion.DeleteAsync(Owner, password, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        }
        catch (ApiException refused)
        {
            DeletionError = WebPages.Refuse(Response, refused);
            Show(await AccountAsync(cancellationToken));
            return Page();
        }
        // The account's sessions are gone with it; this only drops the cookie, which would otherwise sign out on its next use.
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect(DeletedLocation);
    }

    private Task<Account> AccountAsync(CancellationToken cancellationToken) =>
        db.Accounts.AsNoTracking().SingleAsync(a => a.Id == Owner, cancellationToken);

    private void Show(Account account)
    {
        Values["username"] = account.Username;
        Values["bio"] = account.Bio ?? "";
        Values["album_privacy"] = account.AlbumPrivacy;
        Values["avatar"] = account.AvatarName ?? "";
        Values["public_images"] = Flag(account.PublicImages);
        Values["messaging_enabled"] = Flag(account.MessagingEnabled);
        Values["accepted_gallery_terms"] = Flag(account.AcceptedGalleryTerms);
        Values["show_mature"] = Flag(account.ShowMature);
        Values["newsletter_subscribed"] = Flag(account.NewsletterSubscribed);
        Email = account.Email;
        EmailVerified = account.EmailVerifiedAt is not null;
        AvailableAvatars = Avatars.Available(links.BaseUrl(HttpContext)).AvailableAvatars;
    }

    private static string Flag(bool on) => on ? "true" : "false";
}
