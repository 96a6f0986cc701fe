namespace Picshelf.Api;

/// <summary><c>Media:PublicBaseUrl</c>: where image links point. The other <c>Media</c> keys belong to serving and view counting.</summary>
public sealed class MediaLinkOptions
{
    public const string Section = "Media";

    /// <summary>The base of direct links, e.g. https://i.example.com; by default the request's own scheme and host.</summary>
    public string? PublicBaseUrl { get; set; }
}
