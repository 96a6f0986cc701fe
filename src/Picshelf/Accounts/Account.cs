namespace Picshelf.Accounts;

public sealed class Account
{
    public int Id { get; set; }
    public required string Username { get; set; }

    /// <summary>Upper-cased username: usernames are unique case-insensitively on every provider.</summary>
    public required string NormalizedUsername { get; set; }
    public required string Email { get; set; }
    public required string PasswordHash { get; set; }
    public long CreatedAt { get; set; }
}

public sealed record CreatedAccount(int Id, string Url);
