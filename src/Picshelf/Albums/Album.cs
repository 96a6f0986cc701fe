using Picshelf.Api;

namespace Picshelf.Albums;

/// <summary>
/// An album: anonymous (managed by its deletehash) or an account's. Its images are ordered by
/// <see cref="AlbumImage.Position"/>; the cover is one of them.
/// </summary>
public sealed class Album : IManagedByDeleteHash
{
    public required string Id { get; set; }
    public required string DeleteHash { get; set; }
    public int? AccountId { get; set; }
    public required string ClientId { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string Privacy { get; set; } = AlbumPrivacies.Hidden;
    public string Layout { get; set; } = AlbumLayouts.Blog;
    public string? CoverImageId { get; set; }
    public long Views { get; set; }
    public long CreatedAt { get; set; }
}
