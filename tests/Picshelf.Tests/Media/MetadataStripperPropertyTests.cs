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
/// that carry EXIF, XMP, comments and text: it copies or refuses with <see cref="ImageRejectedException"/>; a copy is
/// hardly larger than its input, holds only the blocks decoders need and nothing after the end marker, and when libvips
/// decoded the input (as uploads check before stripping) it decodes the copy to the same pixels.
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

    [Fact]
    public Task Copy_HoldsOnlyBlocksDecodersNeed_AndNothingAfterTheEndMarker() =>
        DamagedImage.CheckAsync(nameof(Copy_HoldsOnlyBlocksDecodersNeed_AndNothingAfterTheEndMarker), 500, output, image =>
        {
            var (format, file) = Damage(image);
            if (Strip(format, file) is { } copy)
            {
                var unwanted = UnwantedBlocks(format, copy);
                Assert.True(unwanted.Count == 0, string.Join("; ", unwanted));
            }
            return Task.CompletedTask;
        }, Describe);

    [Fact]
    public Task CopyOfAnImageLibvipsDecodes_DecodesToTheSamePixels() =>
        DamagedImage.CheckAsync(nameof(CopyOfAnImageLibvipsDecodes_DecodesToTheSamePixels), 300, output, image =>
        {
            var (format, file) = Damage(image);
            using var before = Decode(file);
            if (before is null || Strip(format, file) is not { } copy)
            {
                return Task.CompletedTask;
            }
            using var after = Decode(copy);
            Assert.NotNull(after);
            Assert.Equal((before.Width, before.PageHeight, before.Height, before.Bands), (after.Width, after.PageHeight, after.Height, after.Bands));
            Assert.Equal(0, (before - after).Abs().Max());
            return Task.CompletedTask;
        }, Describe);

    [Fact]
    public void UndamagedSeeds_CarryTheMetadataTheStripperRemoves()
    {
        foreach (var (name, format, bytes) in Seeds)
        {
            Assert.Contains("SECRET", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
            var copy = Strip(format, bytes);
            Assert.NotNull(copy);
            Assert.DoesNotContain("SECRET", Encoding.Latin1.GetString(copy), StringComparison.Ordinal);
            Assert.True(UnwantedBlocks(format, bytes).Count > 0, $"{name} seed has nothing to strip");
        }
    }

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

    /// <summary>
    /// Found by the second property: GIF extensions were dropped by a list of what to drop (comments, applications
    /// other than looping), so plain text and any unknown label were copied, and so was an application extension
    /// whose identifier merely began with NETSCAPE2.0.
    /// </summary>
    [Fact]
    public void GifExtensionsOtherThanGraphicControlAndLooping_AreDropped_AndTheFramesStay()
    {
        var gif = TestImages.AnimatedGif(16, 12, 2);
        var at = 13 + ColourTable(gif[10]);
        byte[] unknown = [0x21, 0x99, 6, .. "SECRET"u8, 0];
        byte[] longLooping = [0x21, 0xFF, 17, .. "NETSCAPE2.0SECRET"u8, 3, 1, 0, 0, 0];
        byte[] plainText = [0x21, 0x01, 12, 0, 0, 0, 0, 16, 0, 12, 0, 8, 8, 1, 0, 6, .. "SECRET"u8, 0];
        byte[] upload = [.. gif[..at], .. unknown, .. longLooping, .. plainText, .. gif[at..]];

        var copy = Strip(ImageFormat.Gif, upload);
        Assert.NotNull(copy);
        Assert.DoesNotContain("SECRET", Encoding.Latin1.GetString(copy), StringComparison.Ordinal);
        Assert.Empty(UnwantedBlocks(ImageFormat.Gif, copy));
        using var before = Decode(gif);
        using var after = Decode(copy);
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal((before.Width, before.Height, before.PageHeight), (after.Width, after.Height, after.PageHeight));
        Assert.Equal(0, (before - after).Abs().Max());
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

    /// <summary>
    /// Every frame, decoded as uploads check it (any error, truncation included, fails), or null; like uploads, it
    /// refuses from the header what would be slow to decode, as a damaged size field can declare.
    /// </summary>
    private static VipsImage? Decode(byte[] file)
    {
        try
        {
            int pages;
            using (var header = VipsImage.NewFromBuffer(file, failOn: Enums.FailOn.Error))
            {
                pages = header.Contains("n-pages") ? Math.Max(1, (int)header.Get("n-pages")) : 1;
                if ((long)header.Width * header.PageHeight * pages > 1_000_000)
                {
                    return null;
                }
            }
            using var image = VipsImage.NewFromBuffer(file, failOn: Enums.FailOn.Error, kwargs: pages > 1 ? new VOption { { "n", -1 } } : null);
            return image.CopyMemory();
        }
        catch (VipsException)
        {
            return null;
        }
    }

    /// <summary>
    /// What a walk of the copy finds that decoders do not need: the metadata the stripper's summary names, and any
    /// block it does not know. Written from the formats' specifications, not from the stripper's lists.
    /// </summary>
    private static List<string> UnwantedBlocks(ImageFormat format, byte[] file) =>
        format == ImageFormat.Jpeg ? JpegUnwanted(file)
        : format == ImageFormat.Png ? PngUnwanted(file)
        : format == ImageFormat.Gif ? GifUnwanted(file)
        : WebPUnwanted(file);

    private static List<string> JpegUnwanted(byte[] f)
    {
        var found = new List<string>();
        var at = 2;
        while (at + 2 <= f.Length && f[at] == 0xFF)
        {
            var marker = f[at + 1];
            at += 2;
            if (marker == 0xD9)
            {
                if (at != f.Length)
                {
                    found.Add($"{f.Length - at} bytes after the end of image");
                }
                return found;
            }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(at));
            var payload = f.AsSpan(at + 2, length - 2);
            var needed = marker switch
            {
                >= 0xC0 and <= 0xCF or >= 0xDA and <= 0xDD => true,
                // JFIF's header only: version, units, densities and a thumbnail of 0x0.
                0xE0 => payload.Length == 14 && payload.StartsWith("JFIF\0"u8) && payload[12] == 0 && payload[13] == 0,
                0xE2 => payload.StartsWith("ICC_PROFILE\0"u8),
                0xEE => payload.StartsWith("Adobe"u8),
                _ => false,
            };
            if (!needed)
            {
                found.Add($"segment FF{marker:X2} ({Encoding.Latin1.GetString(payload[..Math.Min(12, payload.Length)])})");
            }
            at += length;
            if (marker == 0xDA)
            {
                // Entropy-coded data runs to the first 0xFF that is neither a stuffed zero nor a restart marker.
                while (at + 1 < f.Length && (f[at] != 0xFF || f[at + 1] == 0x00 || f[at + 1] is >= 0xD0 and <= 0xD7))
                {
                    at++;
                }
            }
        }
        found.Add("no end of image marker");
        return found;
    }

    private static readonly HashSet<string> PngDecoderChunks =
    [
        // Critical chunks, then those that change how the pixels look, then APNG's animation.
        "IHDR", "PLTE", "IDAT", "IEND",
        "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "cICP", "mDCV", "cLLI",
        "acTL", "fcTL", "fdAT",
    ];

    private static List<string> PngUnwanted(byte[] f)
    {
        var found = new List<string>();
        for (var at = 8; at + 12 <= f.Length;)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(f.AsSpan(at));
            var type = Encoding.Latin1.GetString(f, at + 4, 4);
            if (!PngDecoderChunks.Contains(type))
            {
                found.Add($"chunk {type}");
            }
            at += 12 + (int)length;
            if (type == "IEND")
            {
                if (at != f.Length)
                {
                    found.Add($"{f.Length - at} bytes after IEND");
                }
                return found;
            }
        }
        found.Add("no IEND");
        return found;
    }

    private static List<string> GifUnwanted(byte[] f)
    {
        var found = new List<string>();
        var at = 13 + ColourTable(f[10]);
        while (at < f.Length)
        {
            var block = f[at++];
            if (block == 0x3B)
            {
                if (at != f.Length)
                {
                    found.Add($"{f.Length - at} bytes after the trailer");
                }
                return found;
            }
            if (block == 0x2C)
            {
                at += 9 + ColourTable(f[at + 8]) + 1;
            }
            else
            {
                var label = f[at++];
                // Graphic control (delays, disposal, transparency) and the looping application extensions; comments,
                // plain text, XMP and every other application's data are not needed to show the frames.
                var needed = label == 0xF9
                    || (label == 0xFF && f[at] == 11 && (f.AsSpan(at + 1, 11).SequenceEqual("NETSCAPE2.0"u8) || f.AsSpan(at + 1, 11).SequenceEqual("ANIMEXTS1.0"u8)));
                if (!needed)
                {
                    found.Add($"extension {label:X2}");
                }
            }
            while (f[at] != 0)
            {
                at += 1 + f[at];
            }
            at++;
        }
        found.Add("no trailer");
        return found;
    }

    private static int ColourTable(byte flags) => (flags & 0x80) != 0 ? 3 * (1 << ((flags & 0x07) + 1)) : 0;

    private static readonly HashSet<string> WebPDecoderChunks = ["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"];

    private static List<string> WebPUnwanted(byte[] f)
    {
        var found = new List<string>();
        if (BinaryPrimitives.ReadUInt32LittleEndian(f.AsSpan(4)) != f.Length - 8)
        {
            found.Add("a RIFF size that is not the file's");
        }
        for (var at = 12; at < f.Length;)
        {
            var type = Encoding.Latin1.GetString(f, at, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(f.AsSpan(at + 4));
            if (!WebPDecoderChunks.Contains(type))
            {
                found.Add($"chunk {type}");
            }
            if (type == "VP8X" && size > 0 && (f[at + 8] & 0x0C) != 0)
            {
                found.Add("VP8X flags announcing EXIF or XMP");
            }
            at += 8 + (int)size + (int)(size & 1);
        }
        return found;
    }

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
