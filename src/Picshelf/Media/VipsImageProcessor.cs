using Microsoft.Extensions.Options;
using NetVips;
using VipsImage = NetVips.Image;

namespace Picshelf.Media;

/// <summary>libvips through NetVips: header-first checks, streamed decoding, shrink-on-load thumbnails.</summary>
public sealed class VipsImageProcessor : IImageProcessor
{
    private static readonly Dictionary<ImageFormat, string[]> LoadersByFormat = new()
    {
        [ImageFormat.Jpeg] = ["jpegload"],
        [ImageFormat.Png] = ["pngload"],
        [ImageFormat.Gif] = ["gifload"],
        [ImageFormat.WebP] = ["webpload"],
        [ImageFormat.Tiff] = ["tiffload"],
        [ImageFormat.Avif] = ["heifload"],
        [ImageFormat.Heic] = ["heifload"],
    };

    private readonly MediaLimits options;

    /// <summary>Kept here so the native side's callback is never collected.</summary>
    private static Log.LogDelegate? vipsWarnings;

    public VipsImageProcessor(IOptions<MediaLimits> options, ILogger<VipsImageProcessor> logger)
    {
        this.options = options.Value;
        // libvips writes a warning to stderr for every tile of a corrupt upload, dozens per file: the upload's answer
        // already says what was wrong, so they go to the log at Debug.
        vipsWarnings = (domain, _, message) =>
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("{Domain}: {Message}", domain, message);
            }
        };
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning, vipsWarnings);
        // Every operation is on a different image; libvips' operation cache would only hold memory.
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
    }

    public PreparedImage Prepare(string sourcePath, string outputPath)
    {
        var format = ImageFormat.SniffFile(sourcePath) ?? throw new ImageRejectedException("File type invalid (1)", unsupportedType: true);
        if (format == ImageFormat.Bmp)
        {
            return ConvertBitmap(sourcePath, outputPath);
        }
        try
        {
            var (width, height, pages, orientation) = ReadHeader(sourcePath, format);
            DecodeEverything(sourcePath, format, pages);

            if (orientation is > 1 and <= 8 || !MetadataStripper.CanStrip(format))
            {
                return Reencode(sourcePath, outputPath, format, pages);
            }

            bool declaresAnimation;
            using (var input = File.OpenRead(sourcePath))
            using (var output = new FileStream(outputPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                declaresAnimation = MetadataStripper.Strip(format, input, output);
            }
            return new PreparedImage(format, width, height, pages > 1 || declaresAnimation, new FileInfo(outputPath).Length);
        }
        catch (VipsException failure)
        {
            // libvips names the staging file in its messages; the client needs only what went wrong.
            throw new ImageRejectedException("The image is corrupt or truncated: " + FirstLine(failure.Message.Replace(sourcePath, "the image", StringComparison.Ordinal).Replace(outputPath, "the image", StringComparison.Ordinal)));
        }
    }

    public PreparedImage PrepareDecoded(string decodedPath, string outputPath)
    {
        try
        {
            var format = ImageFormat.SniffFile(decodedPath) ?? throw new ImageRejectedException("The decoded picture is of no known type");
            var (width, height, _, _) = ReadHeader(decodedPath, format);
            using var image = VipsImage.NewFromFile(decodedPath, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
            if (image.HasAlpha())
            {
                image.Pngsave(outputPath, keep: Enums.ForeignKeep.Icc);
                return new PreparedImage(ImageFormat.Png, width, height, false, new FileInfo(outputPath).Length);
            }
            image.Jpegsave(outputPath, q: 92, keep: Enums.ForeignKeep.Icc);
            return new PreparedImage(ImageFormat.Jpeg, width, height, false, new FileInfo(outputPath).Length);
        }
        catch (VipsException failure)
        {
            throw new ImageRejectedException("The image is corrupt or truncated: " + FirstLine(failure.Message.Replace(decodedPath, "the image", StringComparison.Ordinal)));
        }
    }

    public Thumbnail CreateThumbnail(Stream original, ThumbnailSize size)
    {
        var crop = size.Crop ? Enums.Interesting.Centre : (Enums.Interesting?)null;
        // A local file is opened by libvips itself: reading through managed stream callbacks from
        // libvips' threads measured slower and far more variable.
        using var thumbnail = original is FileStream file
            ? VipsImage.Thumbnail(file.Name, size.Box, height: size.Box, size: Enums.Size.Down, crop: crop)
            : VipsImage.ThumbnailStream(original, size.Box, height: size.Box, size: Enums.Size.Down, crop: crop);
        return thumbnail.HasAlpha()
            ? new Thumbnail(thumbnail.PngsaveBuffer(keep: Enums.ForeignKeep.None), ImageFormat.Png.MimeType)
            : new Thumbnail(thumbnail.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.None), ImageFormat.Jpeg.MimeType);
    }

    public IReadOnlyList<byte[]> CreateVariants(Stream source, bool lossless, IReadOnlyList<ImageFormat> targets)
    {
        try
        {
            return EncodeVariants(source, lossless, targets);
        }
        catch (VipsException failure)
        {
            throw new ImageRejectedException(FirstLine(failure.Message));
        }
    }

    public Animation OpenAnimation(string path)
    {
        try
        {
            using var header = VipsImage.NewFromFile(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error, kwargs: new VOption { { "n", -1 } });
            var pages = header.Contains("n-pages") ? Math.Max(1, (int)header.Get("n-pages")) : 1;
            var delays = header.Contains("delay") && header.Get("delay") is int[] declared ? declared : [];
            return new Animation(header.Width, header.PageHeight, [.. Enumerable.Range(0, pages).Select(i => i < delays.Length ? delays[i] : 100)],
                DecodeFrames(path, header.PageHeight, pages));
        }
        catch (VipsException failure)
        {
            throw new ImageRejectedException(FirstLine(failure.Message.Replace(path, "the image", StringComparison.Ordinal)));
        }
    }

    /// <summary>Each frame as RGB bytes, read top to bottom from the frames stacked as one tall image, so libvips streams them.</summary>
    private static IEnumerable<byte[]> DecodeFrames(string path, int pageHeight, int pages)
    {
        using var loaded = VipsImage.NewFromFile(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error, kwargs: new VOption { { "n", -1 } });
        using var srgb = loaded.Colourspace(Enums.Interpretation.Srgb);
        using var rgb = srgb.HasAlpha() ? srgb.Flatten() : srgb.Copy();
        using var bytes = rgb.Cast(Enums.BandFormat.Uchar);
        for (var page = 0; page < pages; page++)
        {
            using var frame = bytes.Crop(0, page * pageHeight, bytes.Width, pageHeight);
            yield return frame.WriteToMemory<byte>();
        }
    }

    private static List<byte[]> EncodeVariants(Stream source, bool lossless, IReadOnlyList<ImageFormat> targets)
    {
        using var loaded = source is FileStream file
            ? VipsImage.NewFromFile(file.Name, failOn: Enums.FailOn.Error)
            : VipsImage.NewFromStream(source, failOn: Enums.FailOn.Error);
        // Decoded once into memory, then encoded as often as there are targets.
        using var image = loaded.CopyMemory();
        return targets.Select(target =>
            target == ImageFormat.WebP
                ? image.WebpsaveBuffer(q: ImageVariants.WebPQuality, lossless: lossless, exact: lossless, keep: Enums.ForeignKeep.Icc)
                : target == ImageFormat.Avif
                    ? image.HeifsaveBuffer(q: ImageVariants.AvifQuality, lossless: lossless, compression: Enums.ForeignHeifCompression.Av1,
                        effort: ImageVariants.AvifEffort, keep: Enums.ForeignKeep.Icc)
                    : throw new ArgumentException($"No variant is made as {target.MimeType}", nameof(targets)))
            .ToList();
    }

    /// <summary>Bitmaps carry no metadata and libvips cannot write them: they are stored as lossless PNG.</summary>
    private PreparedImage ConvertBitmap(string sourcePath, string outputPath)
    {
        var bitmap = BmpDecoder.Decode(File.ReadAllBytes(sourcePath), options.MaxPixels);
        using var image = VipsImage.NewFromMemory(bitmap.Rgb, bitmap.Width, bitmap.Height, 3, Enums.BandFormat.Uchar);
        image.Pngsave(outputPath, keep: Enums.ForeignKeep.None);
        return new PreparedImage(ImageFormat.Png, bitmap.Width, bitmap.Height, false, new FileInfo(outputPath).Length);
    }

    /// <summary>Reads only the header, so a decompression bomb is refused before a pixel is decoded.</summary>
    private (int Width, int Height, int Pages, int Orientation) ReadHeader(string path, ImageFormat format)
    {
        using var header = VipsImage.NewFromFile(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        var loader = header.Get("vips-loader") as string ?? "";
        if (!LoadersByFormat[format].Contains(loader))
        {
            throw new ImageRejectedException("File type invalid (1)", unsupportedType: true);
        }
        var pages = header.Contains("n-pages") ? Math.Max(1, (int)header.Get("n-pages")) : 1;
        var width = header.Width;
        var height = header.PageHeight;
        if ((long)width * height > options.MaxPixels)
        {
            throw new ImageRejectedException($"The image is {width}x{height} pixels; the limit is {options.MaxPixels:N0} pixels");
        }
        if (pages > options.MaxFrames)
        {
            throw new ImageRejectedException($"The animation has {pages} frames; the limit is {options.MaxFrames}");
        }
        if ((long)width * height * pages > options.MaxAnimationPixels)
        {
            throw new ImageRejectedException($"The animation has {pages} frames of {width}x{height} pixels; the limit is {options.MaxAnimationPixels:N0} pixels in all");
        }
        var orientation = header.Contains("orientation") ? (int)header.Get("orientation") : 1;
        return (width, height, pages, orientation);
    }

    /// <summary>Decodes every pixel of every frame once, streamed, so truncated or corrupt files fail here.</summary>
    private static void DecodeEverything(string path, ImageFormat format, int pages)
    {
        var load = new VOption();
        if (pages > 1)
        {
            load.Add("n", -1);
        }
        if (format == ImageFormat.Jpeg)
        {
            // Scaled decoding still reads and checks every entropy-coded byte, at a fraction of the IDCT work.
            load.Add("shrink", 8);
        }
        using var image = VipsImage.NewFromFile(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error, kwargs: load);
        image.Avg();
    }

    /// <summary>
    /// For formats without a container stripper, or to apply an EXIF rotation, the pixels are written
    /// anew without metadata. A format libvips cannot write (HEIC here) is stored as PNG and reported so.
    /// </summary>
    private static PreparedImage Reencode(string sourcePath, string outputPath, ImageFormat format, int pages)
    {
        using var loaded = pages > 1
            ? VipsImage.NewFromFile(sourcePath, failOn: Enums.FailOn.Error, kwargs: new VOption { { "n", -1 } })
            : VipsImage.NewFromFile(sourcePath, failOn: Enums.FailOn.Error);
        using var image = pages > 1 ? loaded.Copy() : loaded.Autorot();
        var keep = Enums.ForeignKeep.Icc;
        ImageFormat stored;
        if (format == ImageFormat.Png)
        {
            image.Pngsave(outputPath, keep: keep);
            stored = format;
        }
        else if (format == ImageFormat.WebP)
        {
            image.Webpsave(outputPath, q: 90, keep: keep);
            stored = format;
        }
        else if (format == ImageFormat.Gif)
        {
            image.Gifsave(outputPath, keep: keep);
            stored = format;
        }
        else if (format == ImageFormat.Tiff)
        {
            image.Tiffsave(outputPath, compression: Enums.ForeignTiffCompression.Deflate, keep: keep);
            stored = format;
        }
        else if (format == ImageFormat.Avif)
        {
            // AV1 encoding is costly; a low effort keeps a hostile AVIF from holding a core for long.
            image.Heifsave(outputPath, q: 90, compression: Enums.ForeignHeifCompression.Av1, effort: 1, keep: keep);
            stored = format;
        }
        else if (format == ImageFormat.Jpeg)
        {
            image.Jpegsave(outputPath, q: 92, keep: keep);
            stored = format;
        }
        else
        {
            // HEIC has no writer here: store it as PNG, lossless, and report that type.
            image.Pngsave(outputPath, keep: keep);
            stored = ImageFormat.Png;
        }
        var height = pages > 1 ? image.PageHeight : image.Height;
        return new PreparedImage(stored, image.Width, height, pages > 1, new FileInfo(outputPath).Length);
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return line.Length > 200 ? line[..200] : line;
    }
}
