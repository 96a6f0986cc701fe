namespace Picshelf.Media;

/// <summary>A stored image format, recognised from the file's signature rather than any name or claim.</summary>
public sealed record ImageFormat(string Name, string MimeType, string Extension)
{
    public static readonly ImageFormat Jpeg = new("jpeg", "image/jpeg", "jpg");
    public static readonly ImageFormat Png = new("png", "image/png", "png");
    public static readonly ImageFormat Gif = new("gif", "image/gif", "gif");
    public static readonly ImageFormat WebP = new("webp", "image/webp", "webp");
    public static readonly ImageFormat Tiff = new("tiff", "image/tiff", "tiff");
    public static readonly ImageFormat Bmp = new("bmp", "image/bmp", "bmp");
    public static readonly ImageFormat Avif = new("avif", "image/avif", "avif");
    public static readonly ImageFormat Heic = new("heic", "image/heic", "heic");
    public static readonly ImageFormat Jxl = new("jxl", "image/jxl", "jxl");

    /// <summary>The type of an uploaded video once made into an MP4; never sniffed as an image (<see cref="VideoContainer"/>).</summary>
    public static readonly ImageFormat Mp4 = new("mp4", "video/mp4", "mp4");

    private static readonly Dictionary<string, ImageFormat> ByMimeType =
        new[] { Jpeg, Png, Gif, WebP, Tiff, Bmp, Avif, Heic, Jxl, Mp4 }.ToDictionary(f => f.MimeType, StringComparer.Ordinal);

    public static ImageFormat FromMimeType(string mimeType) =>
        ByMimeType.TryGetValue(mimeType, out var format) ? format : throw new ArgumentException($"Unknown image type {mimeType}", nameof(mimeType));

    /// <summary>How many leading bytes <see cref="Sniff"/> needs to recognise every format.</summary>
    public const int SignatureLength = 32;

    /// <summary>Recognises a format from the start of a file (any length), or null for anything that is not an image we take.</summary>
    public static ImageFormat? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return Gif;
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
        {
            return Tiff;
        }
        if (head.Length >= 26 && head.StartsWith("BM"u8))
        {
            return Bmp;
        }
        // A bare JPEG XL codestream, or one in its ISO container.
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A]) || head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0, 0x0C, (byte)'J', (byte)'X', (byte)'L', (byte)' ', 0x0D, 0x0A, 0x87, 0x0A]))
        {
            return Jxl;
        }
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = head[8..12];
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                return Avif;
            }
            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("heim"u8)
                || brand.SequenceEqual("heis"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8))
            {
                return Heic;
            }
        }
        return null;
    }

    public static ImageFormat? SniffFile(string path)
    {
        Span<byte> head = stackalloc byte[SignatureLength];
        using var file = File.OpenRead(path);
        return Sniff(head[..file.ReadAtLeast(head, SignatureLength, throwOnEndOfStream: false)]);
    }
}
