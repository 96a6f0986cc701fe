namespace Picshelf.Comments;

/// <summary>
/// A comment on a gallery item. Comments are written with the gallery; until then the account routes that
/// read them answer from this table, which is empty.
/// </summary>
public sealed class Comment
{
    public long Id { get; set; }

    /// <summary>The gallery item (image or album id) the comment is on.</summary>
    public required string ImageId { get; set; }
    public int AccountId { get; set; }

    /// <summary>0 for a top-level comment, as in Imgur's payloads.</summary>
    public long ParentId { get; set; }
    public required string Text { get; set; }
    public bool OnAlbum { get; set; }
    public string? AlbumCover { get; set; }
    public int Ups { get; set; }
    public int Downs { get; set; }
    public required string Platform { get; set; }
    public bool Deleted { get; set; }
    public long CreatedAt { get; set; }
}
