using System.Globalization;
using Microsoft.Net.Http.Headers;
using Picshelf.Images;
using Picshelf.Media;

namespace Picshelf.Serving;

/// <summary>A direct link's bytes with its response headers formatted once, not on every hit.</summary>
/// <param name="variant">The encoding of a variant (<see cref="ImageVariants"/>); null for the original or thumbnail itself.</param>
public sealed class CachedBlob(Image image, ThumbnailSize? size, byte[] bytes, string contentType, ImageFormat? variant = null)
{
    public byte[] Bytes { get; } = bytes;
    public string ContentType { get; } = contentType;
    public string ETag { get; } = EntityTagOf(image, size, variant?.Extension);
    public DateTimeOffset LastModified { get; } = DateTimeOffset.FromUnixTimeSeconds(image.CreatedAt);
    public string LastModifiedHeader { get; } = HeaderUtilities.FormatDate(DateTimeOffset.FromUnixTimeSeconds(image.CreatedAt));

    /// <summary>
    /// Blobs never change while the image lives; id, size and upload time tell apart an id ever reused, and a variant's
    /// or the MP4's extension their bytes from the stored ones (caches keep both, as the answer varies by Accept).
    /// </summary>
    /// <param name="extension">A variant's or the MP4's extension; null for the stored bytes.</param>
    public static string EntityTagOf(Image image, ThumbnailSize? size, string? extension = null) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{image.Id}{size?.Suffix}-{image.Size:x}-{image.CreatedAt:x}{(extension is null ? "" : "." + extension)}\"");
}
