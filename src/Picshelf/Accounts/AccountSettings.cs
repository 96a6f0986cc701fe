using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Accounts;

/// <summary>
/// Changes an account's settings from the keys of <c>PUT|POST /3/account/{username}/settings</c>. Every key is
/// checked before anything is written, so a bad value changes nothing; keys the API does not know are ignored. The
/// settings page saves through here too; a refusal names its key (<see cref="ApiException.Field"/>) for the page to show
/// the message beside that input.
/// </summary>
public sealed class AccountSettings(PicshelfDb db, IEnumerable<IAccountRenameListener> renameListeners, ChosenNames names, FreedUsernames freedUsernames,
    AccountSessions sessions)
{
    public const int BioLength = 2000;

    public async Task ChangeAsync(int accountId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
        if (fields.TryGetValue("bio", out var bio))
        {
            account.Bio = bio.Length <= BioLength
                ? (string.IsNullOrWhiteSpace(bio) ? null : bio)
                : throw Refused("bio", $"bio must be at most {BioLength} characters");
        }
        if (fields.TryGetValue("avatar", out var avatar))
        {
            account.AvatarName = avatar.Length == 0 ? null
                : Avatars.Exists(avatar) ? avatar
                : throw Refused("avatar", $"Unknown avatar {avatar}: GET /3/account/me/available_avatars lists them");
        }
        account.PublicImages = PublicImages(fields) ?? account.PublicImages;
        account.MessagingEnabled = Flag(fields, "messaging_enabled") ?? account.MessagingEnabled;
        account.AcceptedGalleryTerms = Flag(fields, "accepted_gallery_terms") ?? account.AcceptedGalleryTerms;
        account.ShowMature = Flag(fields, "show_mature") ?? account.ShowMature;
        account.NewsletterSubscribed = Flag(fields, "newsletter_subscribed") ?? account.NewsletterSubscribed;
        if (fields.TryGetValue("album_privacy", out var privacy))
        {
            account.AlbumPrivacy = AlbumPrivacies.IsValid(privacy)
                ? privacy
                : throw Refused("album_privacy", "album_privacy must be public, hidden or secret");
        }
        var renamed = fields.TryGetValue("username", out var username) && username != account.Username;
        if (renamed)
        {
            try
            {
                await RenameAsync(account, username!, cancellationToken);
            }
            catch (ApiException refused)
            {
                throw refused.About("username");
            }
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (renamed)
        {
            throw AccountRegistration.UsernameTaken(username!).About("username");
        }
        if (renamed)
        {
            // The account's signed-in pages show the new name from the next request, not once the kept session turns stale.
            sessions.Forget(accountId);
            foreach (var listener in renameListeners)
            {
                await listener.AccountRenamedAsync(accountId, cancellationToken);
            }
        }
    }

    private async Task RenameAsync(Account account, string username, CancellationToken cancellationToken)
    {
        AccountRegistration.CheckUsername(names, username);
        var normalized = username.ToUpperInvariant();
        if (await db.Accounts.AnyAsync(a => a.NormalizedUsername == normalized && a.Id != account.Id, cancellationToken))
        {
            throw AccountRegistration.UsernameTaken(username);
        }
        await freedUsernames.ClaimAsync(username, account.Id, cancellationToken);
        if (normalized != account.NormalizedUsername)
        {
            await freedUsernames.HoldAsync(account.NormalizedUsername, account.Id, cancellationToken);
        }
        account.Username = username;
        account.NormalizedUsername = normalized;
    }

    private static ApiException Refused(string key, string message) => ApiException.BadRequest(message).About(key);

    /// <summary>
    /// The spec words <c>public_images</c> as setting images "to private or public by default", where every other flag of
    /// the route says <c>true | false</c>: clients send either.
    /// </summary>
    private static bool? PublicImages(IReadOnlyDictionary<string, string> fields) =>
        fields.GetValueOrDefault("public_images")?.ToLowerInvariant() switch
        {
            "public" => true,
            "private" => false,
            _ => Flag(fields, "public_images", "public_images must be true or false (or public or private)"),
        };

    private static bool? Flag(IReadOnlyDictionary<string, string> fields, string key, string? refusal = null) =>
        !fields.TryGetValue(key, out var value) ? null
        : value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" ? true
        : value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0" ? false
        : throw Refused(key, refusal ?? $"{key} must be true or false");
}
