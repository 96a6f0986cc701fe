namespace Picshelf.Comments;

/// <summary>
/// A comment on a gallery post, or a reply to one. A deleted comment keeps its row (and its place in the thread, while
/// it has replies); a deleted account's comments keep theirs too, with no author.
/// </summary>
public sealed class Comment
{
    public long Id { get; set; }

    /// <summary>The gallery item (image or album id) the comment is on.</summary>
    public required string ImageId { get; set; }
    /// <summary>The author; null once the author's account is deleted.</summary>
    public int? AccountId { get; set; }

    /// <summary>0 for a top-level comment, as in Imgur's payloads.</summary>
    public long ParentId { get; set; }

    /// <summary>0 for a top-level comment, its parent's plus one for a reply: how deep threads may grow is bounded by it.</summary>
    public int Depth { get; set; }
    public required string Text { get; set; }
    public bool OnAlbum { get; set; }
    public string? AlbumCover { get; set; }
    public int Ups { get; set; }
    public int Downs { get; set; }
    public required string Platform { get; set; }
    public bool Deleted { get; set; }
    public long CreatedAt { get; set; }
}
