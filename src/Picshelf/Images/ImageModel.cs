using System.Text.Json.Serialization;

namespace Picshelf.Images;

/// <summary>
/// The Image model (docs/imgur-compatibility.md §8.3), key for key and in the order of the API's upload example.
/// <c>deletehash</c> and <c>name</c> are for the uploader only and are left out for anyone else.
/// </summary>
public record ImageModel
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public long Datetime { get; init; }
    public required string Type { get; init; }
    public bool Animated { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public int Size { get; init; }

    /// <summary>int32: Imgur.API and ShareX declare it so (docs/imgur-compatibility.md §8.2).</summary>
    public int Views { get; init; }
    public long Bandwidth { get; init; }
    public string? Vote { get; init; }
    public bool Favorite { get; init; }
    public bool? Nsfw { get; init; }
    public string? Section { get; init; }
    public string? AccountUrl { get; init; }
    public int AccountId { get; init; }
    public bool IsAd { get; init; }
    public bool InMostViral { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public int AdType { get; init; }
    public string AdUrl { get; init; } = "";
    public bool InGallery { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Deletehash { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    public required string Link { get; init; }
}
