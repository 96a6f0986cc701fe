using System.Buffers.Binary;

namespace Picshelf.Media;

/// <summary>
/// Reads Windows bitmaps, which this libvips build has no loader for: uncompressed 1, 4, 8, 24 and
/// 32 bits per pixel (BI_RGB, and BI_BITFIELDS with the usual masks). The dimensions are checked
/// against the pixel limit before anything is allocated.
/// </summary>
public static class BmpDecoder
{
    public sealed record Bitmap(byte[] Rgb, int Width, int Height);

    public static Bitmap Decode(ReadOnlySpan<byte> file, long maxPixels)
    {
        if (file.Length < 54 || file[0] != 'B' || file[1] != 'M')
        {
            throw Corrupt();
        }
        var pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(file[10..]);
        var headerSize = BinaryPrimitives.ReadUInt32LittleEndian(file[14..]);
        if (headerSize < 40 || 14 + headerSize > file.Length)
        {
            throw Corrupt();
        }
        var width = BinaryPrimitives.ReadInt32LittleEndian(file[18..]);
        var rawHeight = BinaryPrimitives.ReadInt32LittleEndian(file[22..]);
        var bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(file[28..]);
        var compression = BinaryPrimitives.ReadUInt32LittleEndian(file[30..]);
        var coloursUsed = BinaryPrimitives.ReadUInt32LittleEndian(file[46..]);
        var topDown = rawHeight < 0;
        var height = rawHeight == int.MinValue ? 0 : Math.Abs(rawHeight);
        if (width <= 0 || height <= 0)
        {
            throw Corrupt();
        }
        if ((long)width * height > maxPixels)
        {
            throw new ImageRejectedException($"The image is {width}x{height} pixels; the limit is {maxPixels:N0} pixels");
        }
        // The pixel limit may be set as high as a long goes; the RGB copy is one array, and bounding it here also keeps
        // the row arithmetic below from overflowing.
        if ((long)width * height > Array.MaxLength / 3)
        {
            throw new ImageRejectedException($"The image is {width}x{height} pixels, more than a bitmap may have");
        }
        var supported = bitsPerPixel is 1 or 4 or 8 or 24 or 32 && (compression == 0 || (compression == 3 && bitsPerPixel == 32));
        if (!supported)
        {
            throw new ImageRejectedException("Compressed or unusual bitmaps are not supported", unsupportedType: true);
        }

        var palette = ReadOnlySpan<byte>.Empty;
        if (bitsPerPixel <= 8)
        {
            var entries = coloursUsed == 0 ? 1 << bitsPerPixel : (int)Math.Min(coloursUsed, 256u);
            var paletteStart = 14 + (int)headerSize;
            if (paletteStart + entries * 4 > file.Length)
            {
                throw Corrupt();
            }
            palette = file.Slice(paletteStart, entries * 4);
        }

        var stride = ((long)width * bitsPerPixel + 31) / 32 * 4;
        if (pixelOffset + stride * height > file.Length)
        {
            throw new ImageRejectedException("The image is truncated");
        }
        var rgb = new byte[(long)width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var row = file.Slice((int)(pixelOffset + stride * (topDown ? y : height - 1 - y)), (int)stride);
            var output = rgb.AsSpan(y * width * 3, width * 3);
            for (var x = 0; x < width; x++)
            {
                int blue, green, red;
                if (bitsPerPixel >= 24)
                {
                    var at = x * (bitsPerPixel / 8);
                    (blue, green, red) = (row[at], row[at + 1], row[at + 2]);
                }
                else
                {
                    var bit = x * bitsPerPixel;
                    var index = (row[bit / 8] >> (8 - bitsPerPixel - bit % 8)) & ((1 << bitsPerPixel) - 1);
                    if (index * 4 + 2 >= palette.Length)
                    {
                        throw Corrupt();
                    }
                    (blue, green, red) = (palette[index * 4], palette[index * 4 + 1], palette[index * 4 + 2]);
                }
                output[x * 3] = (byte)red;
                output[x * 3 + 1] = (byte)green;
                output[x * 3 + 2] = (byte)blue;
            }
        }
        return new Bitmap(rgb, width, height);
    }

    private static ImageRejectedException Corrupt() => new("The bitmap is corrupt");
}
