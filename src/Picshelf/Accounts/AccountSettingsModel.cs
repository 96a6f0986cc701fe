namespace Picshelf.Accounts;

/// <summary>The owner-only settings (docs/imgur-compatibility.md §8.8). Picshelf has no paid plan: <c>pro_expiration</c> is always false.</summary>
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
