using System.Text.Json.Serialization;
using Picshelf.Images;

namespace Picshelf.Albums;

/// <summary>
/// The Album model (docs/imgur-compatibility.md §8.4), key for key. <c>deletehash</c> is the owner's only; <c>images</c>
/// comes with a direct fetch of one album, not in lists.
/// </summary>
public record AlbumModel
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public long Datetime { get; init; }
    public string? Cover { get; init; }
    public string? CoverEdited { get; init; }
    public int? CoverWidth { get; init; }
    public int? CoverHeight { get; init; }
    public string? AccountUrl { get; init; }
    public int? AccountId { get; init; }
    public required string Privacy { get; init; }
    public required string Layout { get; init; }
    public int Views { get; init; }
    public required string Link { get; init; }
    public bool Favorite { get; init; }
    public bool? Nsfw { get; init; }
    public string? Section { get; init; }
    public int Order { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Deletehash { get; init; }

    public int ImagesCount { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ImageModel>? Images { get; init; }

    public bool InGallery { get; init; }
    public bool IsAd { get; init; }
    public bool IncludeAlbumAds { get; init; }
    public bool IsAlbum { get; init; } = true;
}
