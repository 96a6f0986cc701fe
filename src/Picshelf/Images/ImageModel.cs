using System.Text.Json.Serialization;

namespace Picshelf.Images;

/// <summary>
/// The Image model of the API spec's upload example, key for key and in its order.
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

    /// <summary>int32: Imgur.API and ShareX declare it so (spec/models.md §0 rule 10).</summary>
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

public static class ImageModelMapping
{
    /// <param name="revealSecrets">True for the uploader: the owner, or whoever just uploaded it.</param>
    public static ImageModel ToModel(this Image image, string link, string? ownerUsername, (long Views, long Bytes) pending,
        bool favorite, bool revealSecrets) => new()
        {
            Id = image.Id,
            Title = image.Title,
            Description = image.Description,
            Datetime = image.CreatedAt,
            Type = image.Type,
            Animated = image.Animated,
            Width = image.Width,
            Height = image.Height,
            Size = image.Size,
            Views = (int)Math.Min(int.MaxValue, image.Views + pending.Views),
            Bandwidth = image.Bandwidth + pending.Bytes,
            Favorite = favorite,
            AccountUrl = ownerUsername,
            AccountId = image.AccountId ?? 0,
            Deletehash = revealSecrets ? image.DeleteHash : null,
            Name = revealSecrets ? image.Name : null,
            Link = link,
        };
}
