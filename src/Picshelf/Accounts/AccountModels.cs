namespace Picshelf.Accounts;

/// <summary>The Account model of spec/models.md §2.6; imgurpython indexes id, url, bio, reputation, created and pro_expiration.</summary>
public sealed record AccountModel(
    int Id,
    string Url,
    string? Bio,
    string? Avatar,
    string? AvatarName,
    string? Cover,
    string? CoverName,
    double Reputation,
    string ReputationName,
    long Created,
    bool ProExpiration,
    UserFollowModel UserFollow,
    bool IsBlocked);

public sealed record UserFollowModel(bool Status);

/// <summary>The owner-only settings of spec/models.md §2.7. Picshelf has no paid plan: <c>pro_expiration</c> is always false.</summary>
public sealed record AccountSettingsModel(
    string AccountUrl,
    string Email,
    bool HighQuality,
    bool PublicImages,
    string AlbumPrivacy,
    bool ProExpiration,
    bool AcceptedGalleryTerms,
    IReadOnlyList<string> ActiveEmails,
    bool MessagingEnabled,
    bool CommentReplies,
    IReadOnlyList<BlockedUserModel> BlockedUsers,
    bool ShowMature,
    bool NewsletterSubscribed,
    bool FirstParty);

public sealed record BlockedUserModel(int BlockedId, string BlockedUrl);

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

    /// <summary>Imgur's reputation names and their thresholds (models.md §2.6).</summary>
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
