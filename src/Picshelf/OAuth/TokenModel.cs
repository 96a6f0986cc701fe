namespace Picshelf.OAuth;

/// <summary>The bare (unwrapped) answer of <c>POST /oauth2/token</c>, docs/imgur-compatibility.md §4.3.</summary>
public sealed record TokenModel(
    string AccessToken,
    long ExpiresIn,
    string TokenType,
    string? Scope,
    string RefreshToken,
    int AccountId,
    string AccountUsername);
