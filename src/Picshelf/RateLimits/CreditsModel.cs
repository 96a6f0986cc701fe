using System.Text.Json.Serialization;

namespace Picshelf.RateLimits;

/// <summary>The body of <c>GET /3/credits</c>: Imgur spells these keys in PascalCase (docs/imgur-compatibility.md §5.4).</summary>
public sealed record CreditsModel(
    [property: JsonPropertyName("UserLimit")] long UserLimit,
    [property: JsonPropertyName("UserRemaining")] long UserRemaining,
    [property: JsonPropertyName("UserReset")] long UserReset,
    [property: JsonPropertyName("ClientLimit")] long ClientLimit,
    [property: JsonPropertyName("ClientRemaining")] long ClientRemaining);
