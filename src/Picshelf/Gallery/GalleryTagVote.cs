namespace Picshelf.Gallery;

/// <summary>One account's vote on whether a tag fits a post.</summary>
public sealed class GalleryTagVote
{
    public required string ItemId { get; set; }
    public required string TagName { get; set; }
    public int AccountId { get; set; }
    public bool Up { get; set; }
}
