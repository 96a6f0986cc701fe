namespace Picshelf.Gallery;

/// <summary>
/// An image or album shared to the gallery, with its vote tallies and its ranking, kept on the row so that a gallery page
/// is an index range read (<see cref="GalleryRanking"/>).
/// </summary>
public sealed class GalleryItem
{
    /// <summary>The id of the image or album shared.</summary>
    public required string Id { get; set; }
    public bool IsAlbum { get; set; }
    public int AccountId { get; set; }
    public required string Title { get; set; }
    public string? Topic { get; set; }

    /// <summary>The subreddit section the post was shared to (<c>subreddit</c> when sharing), lower-case; null for none.</summary>
    public string? Section { get; set; }
    public int? TopicId { get; set; }
    public int Ups { get; set; }
    public int Downs { get; set; }

    /// <summary>Net votes, <c>ups - downs</c>: what the <c>top</c> sort orders by.</summary>
    public int Score { get; set; }

    /// <summary><see cref="GalleryRanking.Hot"/> of the tallies and the time of sharing: what the <c>viral</c> sort orders by.</summary>
    public double HotScore { get; set; }
    public bool Mature { get; set; }

    /// <summary>Out of the public lists: reported by <see cref="GalleryOptions.ReportsToHide"/> accounts, until an operator decides.</summary>
    public bool Hidden { get; set; }
    public bool InMostViral { get; set; }
    public long CreatedAt { get; set; }
}
