namespace Picshelf.OAuth;

/// <summary>
/// One authorization of an account for a client: an access token and its refresh token, both
/// stored only as SHA-256 digests so a copy of the database hands out no working token.
/// </summary>
public sealed class AccessGrant
{
    public long Id { get; set; }
    public required string ClientId { get; set; }
    public int AccountId { get; set; }
    public required string AccessTokenHash { get; set; }
    public required string RefreshTokenHash { get; set; }
    public long AccessTokenExpiresAt { get; set; }
    public long CreatedAt { get; set; }
    public long? RevokedAt { get; set; }
}
