using System.Buffers.Binary;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// Where the chunks and the length, size and dimension fields of an image file are, found by walking its container
/// as far as it still walks, so mutations can aim at the bytes parsers trust most.
/// </summary>
public static class ImageStructure
{
    public static List<(int Start, int Length)> Chunks(byte[] file) => Walk(file).Chunks;

    public static List<(int Offset, int Width, bool BigEndian)> Fields(byte[] file) => Walk(file).Fields;

    private static (List<(int Start, int Length)> Chunks, List<(int Offset, int Width, bool BigEndian)> Fields) Walk(byte[] file)
    {
        var chunks = new List<(int, int)>();
        var fields = new List<(int, int, bool)>();
        if (file.AsSpan().StartsWith("\x89PNG"u8))
        {
            // Length, type, data, CRC.
            for (var at = 8; at + 12 <= file.Length;)
            {
                var length = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
                fields.Add((at, 4, true));
                if (length > file.Length - at - 12)
                {
                    break;
                }
                chunks.Add((at, 12 + (int)length));
                at += 12 + (int)length;
            }
        }
        else if (file.Length > 2 && file[0] == 0xFF && file[1] == 0xD8)
        {
            // Marker segments up to the start of scan; a start of frame holds the height and width.
            for (var at = 2; at + 4 <= file.Length && file[at] == 0xFF;)
            {
                var marker = file[at + 1];
                var length = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(at + 2));
                fields.Add((at + 2, 2, true));
                if (marker is >= 0xC0 and <= 0xC2 && at + 9 <= file.Length)
                {
                    fields.Add((at + 5, 2, true));
                    fields.Add((at + 7, 2, true));
                }
                if (length > file.Length - at - 2)
                {
                    break;
                }
                chunks.Add((at, 2 + length));
                if (marker == 0xDA)
                {
                    break;
                }
                at += 2 + length;
            }
        }
        else if (file.AsSpan().StartsWith("GIF8"u8) && file.Length >= 10)
        {
            fields.Add((6, 2, false));
            fields.Add((8, 2, false));
        }
        else if (file.AsSpan().StartsWith("RIFF"u8) && file.Length >= 12)
        {
            fields.Add((4, 4, false));
            // FourCC, little-endian size, data padded to even.
            for (var at = 12; at + 8 <= file.Length;)
            {
                var size = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4));
                fields.Add((at + 4, 4, false));
                var whole = 8 + size + (size & 1);
                if (whole > (uint)(file.Length - at))
                {
                    break;
                }
                chunks.Add((at, (int)whole));
                at += (int)whole;
            }
        }
        else if (file.AsSpan().StartsWith("BM"u8) && file.Length >= 54)
        {
            // File size, pixel offset, header size, width, height, bits per pixel, compression, colours used.
            fields.AddRange([(2, 4, false), (10, 4, false), (14, 4, false), (18, 4, false), (22, 4, false), (28, 2, false), (30, 4, false), (46, 4, false)]);
        }
        else if (file.AsSpan().StartsWith("II*\0"u8) && file.Length >= 8)
        {
            // The first directory: its entry count, then 12-byte entries of tag, type, count and value or offset.
            fields.Add((4, 4, false));
            var directory = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4));
            if (directory <= file.Length - 2)
            {
                var at = (int)directory;
                fields.Add((at, 2, false));
                var entries = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at));
                for (var i = 0; i < entries && at + 2 + (i + 1) * 12 <= file.Length; i++)
                {
                    var entry = at + 2 + i * 12;
                    chunks.Add((entry, 12));
                    fields.Add((entry + 4, 4, false));
                    fields.Add((entry + 8, 4, false));
                }
            }
        }
        return (chunks, fields);
    }
}
