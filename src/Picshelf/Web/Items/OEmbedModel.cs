using System.Text.Json.Serialization;

namespace Picshelf.Web;

/// <summary>
/// An oEmbed 1.0 response (https://oembed.com, §2.3.4): <c>photo</c> for an image, <c>rich</c> for an album. The
/// keys a type does not have are left out rather than written as null, as the spec lists them per type.
/// </summary>
public sealed record OEmbedModel
{
    public required string Type { get; init; }
    public string Version => "1.0";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AuthorName { get; init; }

    public required string ProviderName { get; init; }
    public required string ProviderUrl { get; init; }

    /// <summary>The image itself, for <c>photo</c>: an <c>&lt;img&gt;</c> of it at <see cref="Width"/> × <see cref="Height"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    /// <summary>The snippet to insert, for <c>rich</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Html { get; init; }

    public int Width { get; init; }
    public int Height { get; init; }
}
