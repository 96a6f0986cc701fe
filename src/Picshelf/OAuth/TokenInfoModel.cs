namespace Picshelf.OAuth;

/// <summary><c>GET /oauth2/secret</c> for a valid token: who it speaks for, and for how much longer.</summary>
public sealed record TokenInfoModel(string ClientId, int AccountId, string AccountUsername, long ExpiresIn);
