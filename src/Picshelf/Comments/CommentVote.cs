using Picshelf.Gallery;

namespace Picshelf.Comments;

/// <summary>One account's vote on one comment: a new vote replaces it, a veto removes it.</summary>
public sealed class CommentVote : IVote
{
    public long CommentId { get; set; }
    public int AccountId { get; set; }

    /// <summary>True for up, false for down.</summary>
    public bool Up { get; set; }
    public long CreatedAt { get; set; }
}
