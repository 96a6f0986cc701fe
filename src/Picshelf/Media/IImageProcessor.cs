namespace Picshelf.Media;

/// <summary>What an upload becomes once checked: the facts read from the stored bytes.</summary>
public sealed record PreparedImage(ImageFormat Format, int Width, int Height, bool Animated, long Size);

public sealed record Thumbnail(byte[] Bytes, string ContentType);

public interface IImageProcessor
{
    /// <summary>
    /// Checks that <paramref name="sourcePath"/> holds a whole image of an accepted format within the
    /// pixel limit, and writes what will be stored (orientation applied, metadata removed) to <paramref name="outputPath"/>.
    /// </summary>
    /// <exception cref="ImageRejectedException">The file is not an acceptable image.</exception>
    PreparedImage Prepare(string sourcePath, string outputPath);

    Thumbnail CreateThumbnail(byte[] original, ThumbnailSize size);
}
