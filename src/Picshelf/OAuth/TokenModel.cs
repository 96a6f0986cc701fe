namespace Picshelf.OAuth;

/// <summary>The bare (unwrapped) answer of <c>POST /oauth2/token</c>, spec/models.md §2.19.</summary>
public sealed record TokenModel(
    string AccessToken,
    long ExpiresIn,
    string TokenType,
    string? Scope,
    string RefreshToken,
    int AccountId,
    string AccountUsername);
