namespace Picshelf.Images;

public sealed class ImageFavorite
{
    public int AccountId { get; set; }
    public required string ImageId { get; set; }
    public long CreatedAt { get; set; }
}
