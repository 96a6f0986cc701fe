namespace Picshelf.Media;

public interface IImageProcessor
{
    /// <summary>
    /// Checks that <paramref name="sourcePath"/> holds a whole image of an accepted format within the
    /// pixel limit, and writes what will be stored (orientation applied, metadata removed) to <paramref name="outputPath"/>.
    /// </summary>
    /// <exception cref="ImageRejectedException">The file is not an acceptable image.</exception>
    PreparedImage Prepare(string sourcePath, string outputPath);

    /// <summary>
    /// Writes what will be stored of a picture another decoder made (<see cref="ForeignImageDecoder"/>): a JPEG, or a PNG
    /// when it has transparency, with its colour profile and nothing else, and without applying any EXIF rotation.
    /// </summary>
    /// <exception cref="ImageRejectedException">The picture is over the pixel limit or cannot be read.</exception>
    PreparedImage PrepareDecoded(string decodedPath, string outputPath);

    /// <summary>Makes a thumbnail, reading the original from a stream (libvips shrinks JPEGs while decoding).</summary>
    Thumbnail CreateThumbnail(Stream original, ThumbnailSize size);

    /// <summary>
    /// Encodes a stored picture (an original or a thumbnail) anew in each of <paramref name="targets"/>, decoding it once,
    /// with the qualities of <see cref="ImageVariants"/>; its ICC profile is kept so colours do not shift.
    /// </summary>
    /// <exception cref="ImageRejectedException">libvips could not decode or encode it.</exception>
    IReadOnlyList<byte[]> CreateVariants(Stream source, bool lossless, IReadOnlyList<ImageFormat> targets);

    /// <summary>Reads an animation's size and frame delays from its header; its frames are decoded as they are enumerated.</summary>
    /// <exception cref="ImageRejectedException">libvips could not read it.</exception>
    Animation OpenAnimation(string path);
}
