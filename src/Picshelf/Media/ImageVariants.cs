namespace Picshelf.Media;

/// <summary>
/// The encodings a still picture is also kept in, for browsers that take them (docs/imgur-compatibility.md §9.3):
/// a JPEG as AVIF and lossy WebP, a PNG as lossless WebP only (its pixels stay exact; AVIF's lossless mode is larger
/// than the PNG as often as not). A variant is served only when it is smaller than what it stands for.
/// </summary>
public static class ImageVariants
{
    /// <summary>WebP quality for photographs: about a third smaller than a quality-85 JPEG, with no visible loss at that size.</summary>
    public const int WebPQuality = 80;

    /// <summary>AVIF quality (libvips' default): about half a quality-85 JPEG's bytes for a photograph.</summary>
    public const int AvifQuality = 50;

    /// <summary>AV1 encoder effort, 0-9: 2 makes a 2-megapixel photograph in about a second on one core, where 4 takes three.</summary>
    public const int AvifEffort = 2;

    private static readonly ImageFormat[] OfJpeg = [ImageFormat.Avif, ImageFormat.WebP];
    private static readonly ImageFormat[] OfPng = [ImageFormat.WebP];

    /// <summary>Every encoding any variant may have, for removing and collecting them.</summary>
    public static readonly IReadOnlyList<ImageFormat> All = OfJpeg;

    /// <summary>The variants a picture of this type gets; none for anything else (GIF, WebP, AVIF, TIFF).</summary>
    public static IReadOnlyList<ImageFormat> Of(string mimeType) => mimeType switch
    {
        "image/jpeg" => OfJpeg,
        "image/png" => OfPng,
        _ => [],
    };

    /// <summary>Whether the variant keeps every pixel of its source (a PNG's).</summary>
    public static bool IsLossless(string sourceMimeType) => sourceMimeType == ImageFormat.Png.MimeType;
}
