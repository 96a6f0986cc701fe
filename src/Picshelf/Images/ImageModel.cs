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

    /// <summary>The animation's page with its looping MP4 (<c>{id}.gifv</c>); only on animated GIFs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Gifv { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mp4 { get; init; }

    /// <summary>The MP4's bytes; 0 until it is made, as Imgur reports it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Mp4Size { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Looping { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? HasSound { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProcessingModel? Processing { get; init; }
}

/// <summary>Where making an image's video stands: <c>pending</c>, <c>completed</c> or <c>failed</c> (<see cref="RenditionStates"/>).</summary>
public sealed record ProcessingModel(string Status);
