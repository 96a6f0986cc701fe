namespace Picshelf.Albums;

public sealed class AlbumImage
{
    public required string AlbumId { get; set; }
    public required string ImageId { get; set; }
    public int Position { get; set; }

    /// <summary>Uploaded with <c>album=</c>: an anonymous image that came this way has no life outside the album and goes with it.</summary>
    public bool AddedByUpload { get; set; }
}
