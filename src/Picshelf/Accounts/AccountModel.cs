namespace Picshelf.Accounts;

/// <summary>The Account model (docs/imgur-compatibility.md §8.7); imgurpython indexes id, url, bio, reputation, created and pro_expiration.</summary>
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
