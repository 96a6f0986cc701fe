namespace Picshelf.Gallery;

/// <summary>
/// An image or album shared to the gallery. Submitting, voting and the gallery lists come with the gallery;
/// the Account routes (submissions, gallery favorites, gallery profile) read these rows already.
/// </summary>
public sealed class GalleryItem
{
    /// <summary>The id of the image or album shared.</summary>
    public required string Id { get; set; }
    public bool IsAlbum { get; set; }
    public int AccountId { get; set; }
    public required string Title { get; set; }
    public string? Topic { get; set; }
    public int? TopicId { get; set; }
    public int Ups { get; set; }
    public int Downs { get; set; }
    public int Score { get; set; }
    public bool Mature { get; set; }
    public bool InMostViral { get; set; }
    public long CreatedAt { get; set; }
}
