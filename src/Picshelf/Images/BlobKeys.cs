using Picshelf.Media;

namespace Picshelf.Images;

/// <summary>
/// Where an image's original, thumbnails, their variants (<see cref="ImageVariants"/>), its MP4 and an uploaded video's source
/// are kept in the blob store.
/// </summary>
public static class BlobKeys
{
    public const string OriginalsFolder = "originals/";
    public const string ThumbnailsFolder = "thumbnails/";
    public const string VariantsFolder = "variants/";
    public const string RenditionsFolder = "renditions/";
    public const string SourcesFolder = "sources/";

    public static string Original(string imageId) => OriginalsFolder + imageId;

    public static string Thumbnail(string imageId, char suffix) => $"{ThumbnailsFolder}{imageId}{suffix}";

    /// <param name="linkName">The direct link's name the variant stands for: the id, or the id and a thumbnail suffix.</param>
    public static string Variant(string linkName, ImageFormat format) => $"{VariantsFolder}{linkName}.{format.Extension}";

    /// <summary>An animation's MP4 (<see cref="RenditionWorker"/>).</summary>
    public static string Rendition(string imageId) => $"{RenditionsFolder}{imageId}.mp4";

    /// <summary>An uploaded video as it came, kept until its MP4 is made (<see cref="RenditionKinds.Video"/>).</summary>
    public static string Source(string imageId) => SourcesFolder + imageId;

    /// <summary>Every key an image may have blobs under.</summary>
    public static IEnumerable<string> All(string imageId) =>
        [Original(imageId), Rendition(imageId), Source(imageId), .. ThumbnailSize.All.Select(s => Thumbnail(imageId, s.Suffix)),
            .. LinkNames(imageId).SelectMany(name => ImageVariants.All.Select(format => Variant(name, format)))];

    /// <summary>The names of an image's direct links: its id, and its id with each thumbnail suffix.</summary>
    public static IEnumerable<string> LinkNames(string imageId) => [imageId, .. ThumbnailSize.All.Select(s => imageId + s.Suffix)];
}
