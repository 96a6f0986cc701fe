namespace Picshelf.Albums;

public sealed class AlbumFavorite
{
    public int AccountId { get; set; }
    public required string AlbumId { get; set; }
    public long CreatedAt { get; set; }
}
