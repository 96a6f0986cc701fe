namespace Picshelf.OAuth;

/// <summary>
/// One access token of a grant, stored only as its SHA-256 digest. A grant holds several at once, so two installs of an
/// application that share a refresh token (a desktop and a phone) do not log each other out when either refreshes.
/// </summary>
public sealed class AccessToken
{
    public long Id { get; set; }
    public long GrantId { get; set; }
    public required string TokenHash { get; set; }
    public long ExpiresAt { get; set; }
    public long CreatedAt { get; set; }
}
