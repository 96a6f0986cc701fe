namespace Picshelf.OAuth;

/// <summary>
/// What the authorize page hands out for <c>response_type=code</c> or <c>pin</c>: exchanged once at
/// <c>POST /oauth2/token</c> within its lifetime, stored only as a digest like every token.
/// </summary>
public sealed class AuthorizationCode
{
    public required string CodeHash { get; set; }
    public required string ClientId { get; set; }
    public int AccountId { get; set; }
    public AuthorizationCodeKind Kind { get; set; }
    public long ExpiresAt { get; set; }
}
