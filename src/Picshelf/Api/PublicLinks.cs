using Microsoft.Extensions.Options;

namespace Picshelf.Media;

public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>The base of direct links, e.g. https://i.example.com; by default the request's own scheme and host.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How many bytes of hot originals and thumbnails are kept in memory.</summary>
    public long HotCacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How often view and bandwidth counts are written to the database.</summary>
    public TimeSpan ViewFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When set (e.g. <c>/_picshelf_blobs/</c>), direct links answer with <c>X-Accel-Redirect</c> to this
    /// internal nginx location plus the blob's path, and nginx sends the bytes.
    /// </summary>
    public string? AccelRedirectPrefix { get; set; }
}

/// <summary>Builds the absolute direct links the models carry.</summary>
public sealed class PublicLinks(IOptions<MediaOptions> options)
{
    private readonly string? configuredBase = options.Value.PublicBaseUrl?.TrimEnd('/');

    public string BaseUrl(HttpContext context) =>
        configuredBase ?? $"{context.Request.Scheme}://{context.Request.Host}";

    public string DirectLink(HttpContext context, string imageId, string mimeType) =>
        $"{BaseUrl(context)}/{imageId}.{ImageFormat.FromMimeType(mimeType).Extension}";
}
