namespace Picshelf.Gallery;

/// <summary>
/// A tag on a gallery post, with the votes on whether it fits (<c>GET /3/gallery/{id}/tags</c>), and copies of the
/// post's ranking and flags, so that a tag's page is a range of one index (<see cref="GalleryLists"/>): database
/// triggers keep them equal to the post's, however the post changes.
/// </summary>
public sealed class GalleryItemTag
{
    public required string ItemId { get; set; }
    public required string TagName { get; set; }

    /// <summary>Who tagged the post: its owner, who alone sets its tags.</summary>
    public int AccountId { get; set; }
    public int Ups { get; set; }
    public int Downs { get; set; }
    public long CreatedAt { get; set; }

    /// <summary>The post's <see cref="GalleryItem.HotScore"/>.</summary>
    public double PostHotScore { get; set; }

    /// <summary>The post's <see cref="GalleryItem.Score"/>.</summary>
    public int PostScore { get; set; }

    /// <summary>When the post was shared (<see cref="GalleryItem.CreatedAt"/>).</summary>
    public long PostCreatedAt { get; set; }
    public bool PostHidden { get; set; }
    public bool PostMature { get; set; }
}
