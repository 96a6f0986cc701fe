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
}
