namespace Picshelf.OAuth;

/// <summary>A registered application. Its secret is kept only as a SHA-256 digest.</summary>
public sealed class Client
{
    public required string Id { get; set; }
    public required string SecretHash { get; set; }
    public required string Name { get; set; }
    public string? RedirectUri { get; set; }
    public string? Website { get; set; }
    public string? Email { get; set; }
    public string? Description { get; set; }
    public int? OwnerAccountId { get; set; }
    public long CreatedAt { get; set; }

    /// <summary>
    /// Set when the owner deletes the application: its tokens are deleted with it, but images uploaded
    /// through it keep their row, which names the application that uploaded them.
    /// </summary>
    public long? DeletedAt { get; set; }

    /// <summary>Overrides of the configured credit limits for this application; null keeps the default.</summary>
    public int? CreditsPerDay { get; set; }
    public int? UserCreditsPerHour { get; set; }

    /// <summary>
    /// Commercial applications are exempt from the POST limit, as on Imgur. That limit belongs to an address
    /// across all applications, so an application cannot have its own number for it, only this exemption.
    /// </summary>
    public bool Commercial { get; set; }

    /// <summary>Unix time until which the application is refused for using up its daily credits too often.</summary>
    public long? BlockedUntil { get; set; }
}
