using System.Text;
using NetVips;
using VipsImage = NetVips.Image;

namespace Picshelf.Tests.Infrastructure;

/// <summary>Images made on the spot with libvips, so the suite ships no binary fixtures.</summary>
public static class TestImages
{
    public static byte[] Jpeg(int width = 640, int height = 480) =>
        Noise(width, height).JpegsaveBuffer(q: 85);

    public static byte[] Png(int width = 64, int height = 48, bool alpha = false)
    {
        using var image = Noise(width, height);
        using var withAlpha = alpha ? image.Bandjoin(255) : image.Copy();
        return withAlpha.PngsaveBuffer();
    }

    public static byte[] WebP(int width = 64, int height = 48) => Noise(width, height).WebpsaveBuffer(q: 80);

    public static byte[] Tiff(int width = 64, int height = 48) => Noise(width, height).TiffsaveBuffer();

    public static byte[] AnimatedGif(int width = 40, int height = 30, int frames = 3)
    {
        using var animation = Animation(width, height, Enumerable.Repeat(100, frames).ToArray());
        return animation.GifsaveBuffer();
    }

    /// <summary>An animated WebP whose frames show for <paramref name="delays"/> milliseconds each.</summary>
    public static byte[] AnimatedWebP(int width, int height, params int[] delays)
    {
        using var animation = Animation(width, height, delays);
        return animation.WebpsaveBuffer(q: 80);
    }

    /// <summary>Frames of noise stacked as libvips holds an animation, looping for ever.</summary>
    private static VipsImage Animation(int width, int height, int[] delays)
    {
        var pages = Enumerable.Range(0, delays.Length).Select(i => Noise(width, height, seed: i)).ToArray();
        using var strip = VipsImage.Arrayjoin(pages, across: 1);
        return strip.Mutate(m =>
        {
            m.Set(GValue.GIntType, "page-height", height);
            m.Set(GValue.ArrayIntType, "delay", delays);
            m.Set(GValue.GIntType, "loop", 0);
        });
    }

    public static byte[] Avif(int width = 64, int height = 48) =>
        Noise(width, height).HeifsaveBuffer(q: 60, compression: Enums.ForeignHeifCompression.Av1);

    /// <summary>An uncompressed Windows bitmap: 24- or 32-bit, or 1-, 4- or 8-bit with a full palette.</summary>
    public static byte[] Bmp(int width, int height, int bitsPerPixel)
    {
        var paletteBytes = bitsPerPixel <= 8 ? (1 << bitsPerPixel) * 4 : 0;
        var stride = (width * bitsPerPixel + 31) / 32 * 4;
        var offset = 54 + paletteBytes;
        var file = new byte[offset + stride * height];
        "BM"u8.CopyTo(file);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), offset);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), height);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), (short)bitsPerPixel);
        for (var i = 0; i < paletteBytes / 4; i++)
        {
            file[54 + i * 4] = (byte)i;
            file[54 + i * 4 + 1] = (byte)(255 - i);
            file[54 + i * 4 + 2] = (byte)(i / 2);
        }
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < (width * bitsPerPixel + 7) / 8; x++)
            {
                file[offset + y * stride + x] = (byte)(x * 7 + y * 3);
            }
        }
        return file;
    }

    /// <summary>A JPEG carrying EXIF (with an orientation), XMP and a comment, as phones and editors write them.</summary>
    public static byte[] JpegWithMetadata(int width = 64, int height = 48, int orientation = 1)
    {
        using var image = Noise(width, height);
        using var tagged = image.Mutate(m =>
        {
            m.Set(GValue.GIntType, "orientation", orientation);
            m.Set(GValue.GStrType, "exif-ifd0-Artist", "SECRET-ARTIST (SECRET-ARTIST, ASCII, 14 components, 14 bytes)");
        });
        var jpeg = tagged.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.All);
        return InsertSegments(jpeg,
            Segment(0xE1, Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>SECRET-XMP GPS 51.5N</x:xmpmeta>")),
            Segment(0xFE, Encoding.ASCII.GetBytes("SECRET-COMMENT")));
    }

    /// <summary>A PNG with tEXt metadata.</summary>
    public static byte[] PngWithText()
    {
        var png = Png();
        var text = Encoding.ASCII.GetBytes("Comment\0SECRET-PNG-TEXT");
        var chunk = new byte[12 + text.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)text.Length);
        "tEXt"u8.CopyTo(chunk.AsSpan(4));
        text.CopyTo(chunk, 8);
        var crc = System.IO.Hashing.Crc32.HashToUInt32(chunk.AsSpan(4, 4 + text.Length));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + text.Length), crc);
        // After the 8-byte signature and the 25-byte IHDR chunk.
        return [.. png[..33], .. chunk, .. png[33..]];
    }

    /// <summary>A GIF of a few kilobytes declaring a huge canvas and thousands of one-pixel frames.</summary>
    public static byte[] GifAnimationBomb(int width, int height, int frames)
    {
        var gif = new List<byte>();
        gif.AddRange("GIF89a"u8.ToArray());
        gif.AddRange([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x00, 0x00, 0x00]);
        gif.AddRange([0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8.ToArray(), 0x03, 0x01, 0x00, 0x00, 0x00]);
        var (right, bottom) = (width - 1, height - 1);
        for (var i = 0; i < frames; i++)
        {
            // A 1x1 frame in the far corner, with a two-colour local table and the LZW codes clear, 0, end.
            gif.AddRange([0x2C, (byte)right, (byte)(right >> 8), (byte)bottom, (byte)(bottom >> 8), 1, 0, 1, 0, 0x80, 0, 0, 0, 255, 255, 255, 0x02, 0x02, 0x44, 0x01, 0x00]);
        }
        gif.Add(0x3B);
        return [.. gif];
    }

    /// <summary>A PNG whose header claims far more pixels than allowed; tiny on disk, huge when decoded.</summary>
    public static byte[] PngBomb(int side = 20000)
    {
        using var black = VipsImage.Black(side, side);
        return black.PngsaveBuffer(compression: 9, bitdepth: 1);
    }

    private static VipsImage Noise(int width, int height, int seed = 0)
    {
        using var noise = VipsImage.Gaussnoise(width, height, mean: 128 + seed * 10, sigma: 40);
        using var flipped = noise.Rot180();
        using var bands = noise.Bandjoin(flipped, noise);
        return bands.Cast(Enums.BandFormat.Uchar);
    }

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var length = payload.Length + 2;
        return [0xFF, marker, (byte)(length >> 8), (byte)length, .. payload];
    }

    private static byte[] InsertSegments(byte[] jpeg, params byte[][] segments) =>
        [.. jpeg[..2], .. segments.SelectMany(s => s), .. jpeg[2..]];
}
