namespace Picshelf.Accounts;

/// <summary>A username an account gave up (a rename, a deletion), held for that account until <see cref="HeldUntil"/>.</summary>
public sealed class FreedUsername
{
    public required string NormalizedUsername { get; set; }

    /// <summary>The account that gave it up: no foreign key, as a deleted account's name is held after its row is gone.</summary>
    public int AccountId { get; set; }
    public long HeldUntil { get; set; }
}
