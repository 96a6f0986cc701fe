using Picshelf.OAuth;

namespace Picshelf.Tests.Infrastructure;

/// <summary>An HTTP client that calls with a Bearer token of a new account, and who that account is.</summary>
public sealed record SignedInClient(HttpClient Http, string ClientId, int AccountId, string Username, TokenModel Token);
