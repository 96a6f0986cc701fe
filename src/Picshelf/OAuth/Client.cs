namespace Picshelf.OAuth;

/// <summary>A registered application. Its secret is kept only as a SHA-256 digest.</summary>
public sealed class Client
{
    public required string Id { get; set; }
    public required string SecretHash { get; set; }
    public required string Name { get; set; }
    public string? RedirectUri { get; set; }
    public int? OwnerAccountId { get; set; }
    public long CreatedAt { get; set; }
}

public sealed record CreatedClient(string ClientId, string ClientSecret);
