using Microsoft.Extensions.Options;

namespace Picshelf.Media;

/// <summary>
/// HEIC and JPEG XL, which the libvips bundled here cannot decode (its libheif has no HEVC decoder, and it has no
/// JPEG XL loader), are decoded by the tools Debian ships with libheif and libjxl (<c>heif-convert</c> from
/// <c>libheif-examples</c>, <c>djxl</c> from <c>libjxl-tools</c>) into a PNG that libvips then reads
/// (docs/imgur-compatibility.md §7.4). Both apply the file's own rotation (HEIF's <c>irot</c>/<c>imir</c>, JPEG XL's
/// orientation); any EXIF orientation they copy into the PNG is not applied again.
/// </summary>
public sealed class ForeignImageDecoder(ExternalTools tools, IOptions<TranscodeOptions> options)
{
    public static bool Decodes(ImageFormat format) => format == ImageFormat.Heic || format == ImageFormat.Jxl;

    /// <param name="pngPath">Where the PNG goes: its name must end in <c>.png</c>, which is how both tools pick their output format.</param>
    /// <exception cref="TranscodeFailedException">The tool is missing (<see cref="TranscodeFailedException.Unavailable"/>), failed, or ran too long.</exception>
    public async Task DecodeAsync(ImageFormat format, string sourcePath, string pngPath, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (format == ImageFormat.Heic)
        {
            await tools.RunAsync(settings.HeifConvertPath, ["--quiet", sourcePath, pngPath], settings.ProbeTimeout, cancellationToken);
            // A file of several images (a burst) is written as name-1.png, name-2.png…: the first stands for it.
            var first = Path.ChangeExtension(pngPath, null) + "-1.png";
            if (!File.Exists(pngPath) && File.Exists(first))
            {
                File.Move(first, pngPath);
            }
            foreach (var other in Directory.EnumerateFiles(Path.GetDirectoryName(pngPath)!, Path.GetFileNameWithoutExtension(pngPath) + "-*.png"))
            {
                File.Delete(other);
            }
        }
        else
        {
            await tools.RunAsync(settings.DjxlPath, [sourcePath, pngPath], settings.ProbeTimeout, cancellationToken);
        }
        if (!File.Exists(pngPath))
        {
            throw new TranscodeFailedException("The decoder wrote no picture");
        }
    }
}
