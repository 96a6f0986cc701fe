using Picshelf.Api;

namespace Picshelf.Accounts;

public sealed class Account
{
    public int Id { get; set; }
    public required string Username { get; set; }

    /// <summary>Upper-cased username: usernames are unique case-insensitively on every provider.</summary>
    public required string NormalizedUsername { get; set; }
    public required string Email { get; set; }
    public required string PasswordHash { get; set; }
    public long CreatedAt { get; set; }

    public string? Bio { get; set; }

    /// <summary>One of <see cref="Avatars.Names"/>, or none.</summary>
    public string? AvatarName { get; set; }
    public bool PublicImages { get; set; }
    public bool MessagingEnabled { get; set; } = true;

    /// <summary>The privacy new albums get: public, hidden or secret.</summary>
    public string AlbumPrivacy { get; set; } = AlbumPrivacies.Hidden;
    public bool AcceptedGalleryTerms { get; set; }
    public bool ShowMature { get; set; }
    public bool NewsletterSubscribed { get; set; }
    public long? EmailVerifiedAt { get; set; }

    /// <summary>
    /// Carried in every session cookie and compared on each request (<see cref="AccountSessions"/>): a new stamp ends
    /// every session of the account at once. Empty on accounts made before stamps, so their older cookies, which carry
    /// none, end too.
    /// </summary>
    public string SecurityStamp { get; set; } = AccountSessions.NewStamp();

    /// <summary>Set by the operator's <c>users disable</c>: the account can neither sign in nor use its tokens.</summary>
    public long? DisabledAt { get; set; }
}
