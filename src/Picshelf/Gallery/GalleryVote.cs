namespace Picshelf.Gallery;

/// <summary>One account's vote on one gallery post: a new vote replaces it, a veto removes it.</summary>
public sealed class GalleryVote : IVote
{
    public required string ItemId { get; set; }
    public int AccountId { get; set; }

    /// <summary>True for up, false for down.</summary>
    public bool Up { get; set; }
    public long CreatedAt { get; set; }
}
