namespace Picshelf.Gallery;

/// <summary>A tag on a gallery post, with the votes on whether it fits (<c>GET /3/gallery/{id}/tags</c>).</summary>
public sealed class GalleryItemTag
{
    public required string ItemId { get; set; }
    public required string TagName { get; set; }

    /// <summary>Who tagged the post: its owner, who alone sets its tags.</summary>
    public int AccountId { get; set; }
    public int Ups { get; set; }
    public int Downs { get; set; }
    public long CreatedAt { get; set; }
}
