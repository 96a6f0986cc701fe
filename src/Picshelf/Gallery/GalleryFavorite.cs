namespace Picshelf.Gallery;

public sealed class GalleryFavorite
{
    public int AccountId { get; set; }
    public required string ItemId { get; set; }
    public long CreatedAt { get; set; }
}
