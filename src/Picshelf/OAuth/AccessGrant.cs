namespace Picshelf.OAuth;

/// <summary>
/// One authorization of an account for a client: its refresh token, stored only as a SHA-256 digest so a copy of the
/// database hands out no working token, and the access tokens in <see cref="AccessToken"/> rows.
/// </summary>
public sealed class AccessGrant
{
    public long Id { get; set; }
    public required string ClientId { get; set; }
    public int AccountId { get; set; }
    public required string RefreshTokenHash { get; set; }
    public long CreatedAt { get; set; }
    public long? RevokedAt { get; set; }
}
