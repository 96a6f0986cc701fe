using System.Text.Json;
using System.Text.Json.Serialization;

namespace Picshelf.Gallery;

/// <summary>
/// The Tag model (docs/imgur-compatibility.md §8): how many follow it and how many posts carry it. <c>items</c> comes
/// with a tag's own page (<c>/3/gallery/t/{tag}</c>). Picshelf has no tag artwork: <c>background_hash</c> is null.
/// </summary>
public sealed record TagModel(string Name, string DisplayName, int Followers, int TotalItems, bool Following, string? BackgroundHash, string Description)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<JsonElement>? Items { get; init; }
}
