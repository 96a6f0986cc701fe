using System.Buffers.Binary;
using System.Text;
using CsCheck;
using NetVips;
using Picshelf.Media;
using Picshelf.Tests.Infrastructure;
using Xunit.Abstractions;
using VipsImage = NetVips.Image;

namespace Picshelf.Tests.Media;

/// <summary>
/// The metadata stripper called directly, without the upload path around it, on damaged JPEG, PNG, GIF and WebP files
/// that carry EXIF, XMP, comments and text: it copies or refuses with <see cref="ImageRejectedException"/>, and a copy is
/// hardly larger than its input.
/// </summary>
public sealed class MetadataStripperPropertyTests(ITestOutputHelper output)
{
    private static readonly (string Name, ImageFormat Format, byte[] Bytes)[] Seeds =
    [
        ("jpeg", ImageFormat.Jpeg, TestImages.JpegWithMetadata(24, 16)),
        ("png", ImageFormat.Png, TestImages.PngWithText()),
        ("gif", ImageFormat.Gif, GifWithMetadata()),
        ("webp", ImageFormat.WebP, WebPWithMetadata()),
    ];

    private static readonly Gen<(int Seed, ImageMutation[] Mutations)> DamagedImage =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], ImageMutation.Any.Array[0, 4]);

    [Fact]
    public Task DamagedImage_IsCopiedOrRejected_AndTheCopyIsAtMostAnEighthLargerThanItsInput() =>
        DamagedImage.CheckAsync(nameof(DamagedImage_IsCopiedOrRejected_AndTheCopyIsAtMostAnEighthLargerThanItsInput), 500, output, image =>
        {
            var (format, file) = Damage(image);
            var copy = Strip(format, file);
            Assert.True(copy is not null || image.Mutations.Length > 0, "an undamaged seed was refused");
            // A JFIF header without its thumbnail sizes (16 bytes) is written with them (18 bytes): the most a copy grows.
            Assert.InRange(copy?.Length ?? 0, 0, file.Length + file.Length / 8);
            return Task.CompletedTask;
        }, Describe);


    /// <summary>
    /// Found by the first property: a GIF ending inside a sub-block (and a PNG, GIF or WebP ending inside its header)
    /// threw Stream.ReadExactly's EndOfStreamException, which only the upload path's own catch turned into a 400.
    /// JPEG, PNG and GIF copies end at their end marker, so every cut is refused; a WebP copy takes whole chunks, so
    /// every cut before its first chunk ends is.
    /// </summary>
    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    [InlineData("gif")]
    [InlineData("webp")]
    public void ImageCutShort_IsRejectedAsAnImage(string seed)
    {
        var (_, format, bytes) = Seeds.Single(s => s.Name == seed);
        var cuts = format == ImageFormat.WebP ? 20 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)) : bytes.Length;
        for (var length = 0; length < cuts; length++)
        {
            Assert.Throws<ImageRejectedException>(() => MetadataStripper.Strip(format, new MemoryStream(bytes[..length]), Stream.Null));
        }
    }

    private static (ImageFormat Format, byte[] File) Damage((int Seed, ImageMutation[] Mutations) image) =>
        (Seeds[image.Seed].Format, image.Mutations.Aggregate(Seeds[image.Seed].Bytes, (file, mutation) => mutation.Apply(file)));

    private static string Describe((int Seed, ImageMutation[] Mutations) image) =>
        $"{Seeds[image.Seed].Name}: {string.Join(", ", image.Mutations.Select(m => m.ToString()))}";

    /// <summary>The copy, or null when the stripper refused the file; any other exception fails the property.</summary>
    private static byte[]? Strip(ImageFormat format, byte[] file)
    {
        using var copy = new MemoryStream();
        try
        {
            MetadataStripper.Strip(format, new MemoryStream(file, writable: false), copy);
        }
        catch (ImageRejectedException)
        {
            return null;
        }
        return copy.ToArray();
    }

    private static int ColourTable(byte flags) => (flags & 0x80) != 0 ? 3 * (1 << ((flags & 0x07) + 1)) : 0;

    /// <summary>An animated GIF with a comment, an XMP application extension and a plain-text extension before its frames.</summary>
    private static byte[] GifWithMetadata()
    {
        var gif = TestImages.AnimatedGif(16, 12, 2);
        var at = 13 + ColourTable(gif[10]);
        byte[] comment = [0x21, 0xFE, 14, .. "SECRET-COMMENT"u8, 0];
        byte[] xmp = [0x21, 0xFF, 11, .. "XMP DataXMP"u8, 10, .. "SECRET-XMP"u8, 0];
        byte[] plainText = [0x21, 0x01, 12, 0, 0, 0, 0, 16, 0, 12, 0, 8, 8, 1, 0, 11, .. "SECRET-TEXT"u8, 0];
        return [.. gif[..at], .. comment, .. xmp, .. plainText, .. gif[at..]];
    }

    private static byte[] WebPWithMetadata()
    {
        using var noise = VipsImage.Gaussnoise(24, 16);
        using var image = noise.Cast(Enums.BandFormat.Uchar);
        using var tagged = image.Mutate(m =>
        {
            m.Set(GValue.GStrType, "exif-ifd0-Artist", "SECRET-ARTIST");
            m.Set(GValue.BlobType, "xmp-data", "<x:xmpmeta>SECRET-XMP</x:xmpmeta>"u8.ToArray());
        });
        return tagged.WebpsaveBuffer(keep: Enums.ForeignKeep.All);
    }
}
