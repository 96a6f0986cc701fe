namespace Picshelf.Accounts;

public static class AccountMapping
{
    public static AccountModel ToModel(this Account account, string mediaBaseUrl) => new(
        account.Id, account.Username, account.Bio, AvatarOf(account, mediaBaseUrl), account.AvatarName, null, null, 0, ReputationName(0), account.CreatedAt,
        false, new UserFollowModel(false), false);

    public static string? AvatarOf(Account account, string mediaBaseUrl) =>
        account.AvatarName is { } name ? Avatars.Location(mediaBaseUrl, name) : null;

    public static AccountSettingsModel ToSettingsModel(this Account account) => new(
        account.Username, account.Email, false, account.PublicImages, account.AlbumPrivacy, false, account.AcceptedGalleryTerms,
        account.EmailVerifiedAt is null ? [] : [account.Email], account.MessagingEnabled, true, [], account.ShowMature,
        account.NewsletterSubscribed, true);

    /// <summary>Imgur's reputation names and their thresholds (docs/imgur-compatibility.md §8.7).</summary>
    public static string ReputationName(double reputation) => reputation switch
    {
        < 0 => "Forever Alone",
        < 400 => "Neutral",
        < 1000 => "Accepted",
        < 2000 => "Liked",
        < 4000 => "Trusted",
        < 8000 => "Idolized",
        < 20000 => "Renowned",
        _ => "Glorious",
    };
}
