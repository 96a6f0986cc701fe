using System.Buffers.Binary;

namespace Picshelf.Media;

/// <summary>
/// Removes metadata (EXIF with its GPS, XMP, IPTC, comments, text chunks and GIF's plain text, embedded previews) by
/// copying the container's segments and leaving those out, so pixels are never re-encoded. Each
/// format keeps an allowlist of what decoders need, so unknown and private segments go too. Colour
/// profiles stay: they change how the pixels look. Anything after the format's end marker is dropped,
/// since appended data is where secondary images and tracking payloads hide.
/// </summary>
public static class MetadataStripper
{
    /// <summary>Copies <paramref name="input"/> (seekable for WebP) to <paramref name="output"/> without metadata.</summary>
    /// <returns>Whether the container declares an animation (APNG's acTL chunk).</returns>
    /// <exception cref="ImageRejectedException">The container is corrupt or ends inside a block.</exception>
    public static bool Strip(ImageFormat format, Stream input, Stream output)
    {
        try
        {
            return StripContainer(format, input, output);
        }
        catch (EndOfStreamException)
        {
            // Stream.ReadExactly's word for a file that ends inside a block.
            throw new ImageRejectedException("The image is truncated");
        }
    }

    public static bool CanStrip(ImageFormat format) =>
        format == ImageFormat.Jpeg || format == ImageFormat.Png || format == ImageFormat.Gif || format == ImageFormat.WebP;

    private static bool StripContainer(ImageFormat format, Stream input, Stream output)
    {
        if (format == ImageFormat.Jpeg)
        {
            StripJpeg(new ByteSource(input), output);
            return false;
        }
        if (format == ImageFormat.Png)
        {
            return StripPng(input, output);
        }
        if (format == ImageFormat.Gif)
        {
            StripGif(new BufferedStream(input, 64 * 1024), output);
            return false;
        }
        if (format == ImageFormat.WebP)
        {
            StripWebP(input, output);
            return false;
        }
        throw new ArgumentException($"No container stripper for {format.Name}", nameof(format));
    }

    private static void StripJpeg(ByteSource input, Stream output)
    {
        if (input.ReadByte() != 0xFF || input.ReadByte() != 0xD8)
        {
            throw Corrupt("JPEG");
        }
        output.Write([0xFF, 0xD8]);
        var marker = ReadMarker(input);
        var segment = new byte[65535];
        while (true)
        {
            if (marker == 0xD9)
            {
                output.Write([0xFF, 0xD9]);
                return;
            }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                output.Write([0xFF, (byte)marker]);
                marker = ReadMarker(input);
                continue;
            }
            var length = (input.ReadByte() << 8) | input.ReadByte();
            if (length < 2)
            {
                throw Corrupt("JPEG");
            }
            var payload = segment.AsSpan(0, length - 2);
            input.ReadExactly(payload);
            if (marker == 0xE0 && payload.Length >= 12 && payload.StartsWith("JFIF\0"u8))
            {
                // The JFIF header without its optional thumbnail, which can show the picture before an edit.
                output.Write([0xFF, 0xE0, 0x00, 0x10]);
                output.Write(payload[..12]);
                output.Write([0x00, 0x00]);
            }
            else if (KeepJpegSegment(marker, payload))
            {
                output.Write([0xFF, (byte)marker, (byte)(length >> 8), (byte)length]);
                output.Write(payload);
            }
            marker = marker == 0xDA ? CopyEntropyCodedData(input, output) : ReadMarker(input);
        }
    }

    private static bool KeepJpegSegment(int marker, ReadOnlySpan<byte> payload) => marker switch
    {
        >= 0xC0 and <= 0xCF => true,                     // frame headers, Huffman and arithmetic tables
        0xDA or 0xDB or 0xDC or 0xDD => true,            // scan header, quantisation tables, line count, restart interval
        0xE2 => payload.StartsWith("ICC_PROFILE\0"u8),  // colour profile, not the multi-picture index
        0xEE => payload.StartsWith("Adobe"u8),           // tells decoders how to convert colours
        _ => false,                                      // EXIF, XMP, IPTC, JFXX previews, comments, vendor data
    };

    /// <summary>Copies scan data up to the next marker and returns that marker.</summary>
    private static int CopyEntropyCodedData(ByteSource input, Stream output)
    {
        while (true)
        {
            input.CopyUntil(0xFF, output);
            input.ReadByte();
            var next = input.ReadByte();
            while (next == 0xFF)
            {
                next = input.ReadByte();
            }
            if (next == 0x00 || next is >= 0xD0 and <= 0xD7)
            {
                output.WriteByte(0xFF);
                output.WriteByte((byte)next);
                continue;
            }
            return next;
        }
    }

    private static int ReadMarker(ByteSource input)
    {
        if (input.ReadByte() != 0xFF)
        {
            throw Corrupt("JPEG");
        }
        var marker = input.ReadByte();
        while (marker == 0xFF)
        {
            marker = input.ReadByte();
        }
        return marker;
    }

    /// <summary>A read buffer that can copy a run up to a stop byte in one vectorised search.</summary>
    private sealed class ByteSource(Stream stream)
    {
        private readonly byte[] buffer = new byte[64 * 1024];
        private int position;
        private int length;

        public int ReadByte() => position < length || Fill() ? buffer[position++] : throw Truncated();

        public void ReadExactly(Span<byte> destination)
        {
            while (destination.Length > 0)
            {
                if (position == length && !Fill())
                {
                    throw Truncated();
                }
                var count = Math.Min(destination.Length, length - position);
                buffer.AsSpan(position, count).CopyTo(destination);
                position += count;
                destination = destination[count..];
            }
        }

        /// <summary>Copies bytes to <paramref name="output"/> until <paramref name="stop"/> is the next byte.</summary>
        public void CopyUntil(byte stop, Stream output)
        {
            while (true)
            {
                if (position == length && !Fill())
                {
                    throw Truncated();
                }
                var available = buffer.AsSpan(position, length - position);
                var at = available.IndexOf(stop);
                if (at >= 0)
                {
                    output.Write(available[..at]);
                    position += at;
                    return;
                }
                output.Write(available);
                position = length;
            }
        }

        private bool Fill()
        {
            length = stream.Read(buffer);
            position = 0;
            return length > 0;
        }

        private static ImageRejectedException Truncated() => new("The image is truncated");
    }

    private static readonly HashSet<string> PngImageChunks =
    [
        "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "cICP", "mDCV", "cLLI",
        "acTL", "fcTL", "fdAT",
    ];

    private static readonly HashSet<string> WebPImageChunks = ["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"];

    private static bool StripPng(Stream input, Stream output)
    {
        Span<byte> header = stackalloc byte[8];
        input.ReadExactly(header);
        output.Write(header);
        var animated = false;
        var copyBuffer = new byte[81920];
        while (true)
        {
            if (input.ReadAtLeast(header, 8, throwOnEndOfStream: false) < 8)
            {
                throw Corrupt("PNG");
            }
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length > int.MaxValue)
            {
                throw Corrupt("PNG");
            }
            var type = System.Text.Encoding.ASCII.GetString(header[4..8]);
            animated |= type == "acTL";
            if (PngImageChunks.Contains(type))
            {
                output.Write(header);
                Copy(input, output, length + 4L, copyBuffer);
            }
            else
            {
                Skip(input, length + 4L, copyBuffer);
            }
            if (type == "IEND")
            {
                return animated;
            }
        }
    }

    private static void StripGif(Stream input, Stream output)
    {
        var header = new byte[13];
        input.ReadExactly(header);
        output.Write(header);
        var buffer = new byte[768];
        if ((header[10] & 0x80) != 0)
        {
            Copy(input, output, 3 * (1 << ((header[10] & 0x07) + 1)), buffer);
        }
        while (true)
        {
            var block = ReadByte(input);
            switch (block)
            {
                case 0x2C:
                    var descriptor = new byte[9];
                    input.ReadExactly(descriptor);
                    output.WriteByte(0x2C);
                    output.Write(descriptor);
                    if ((descriptor[8] & 0x80) != 0)
                    {
                        Copy(input, output, 3 * (1 << ((descriptor[8] & 0x07) + 1)), buffer);
                    }
                    output.WriteByte((byte)ReadByte(input));   // LZW minimum code size
                    CopySubBlocks(input, output, buffer);
                    break;
                case 0x21:
                    var label = ReadByte(input);
                    if (label == 0xF9)
                    {
                        // Graphic control: a frame's delay, disposal and transparent colour.
                        output.Write([0x21, 0xF9]);
                        CopySubBlocks(input, output, buffer);
                    }
                    else if (label == 0xFF)
                    {
                        var size = ReadByte(input);
                        var identifier = buffer.AsSpan(0, size);
                        input.ReadExactly(identifier);
                        // Only the looping extensions matter to viewers, and their identifier is exactly 11 bytes (a
                        // longer one could carry anything after the name); XMP and others are metadata.
                        if (size == 11 && (identifier.SequenceEqual("NETSCAPE2.0"u8) || identifier.SequenceEqual("ANIMEXTS1.0"u8)))
                        {
                            output.Write([0x21, 0xFF, (byte)size]);
                            output.Write(identifier);
                            CopySubBlocks(input, output, buffer);
                        }
                        else
                        {
                            SkipSubBlocks(input, buffer);
                        }
                    }
                    else
                    {
                        // Comments, plain text (which neither browsers nor libvips draw) and labels no decoder knows.
                        SkipSubBlocks(input, buffer);
                    }
                    break;
                case 0x3B:
                    output.WriteByte(0x3B);
                    return;
                default:
                    throw Corrupt("GIF");
            }
        }
    }

    private static void CopySubBlocks(Stream input, Stream output, byte[] buffer)
    {
        while (true)
        {
            var size = ReadByte(input);
            output.WriteByte((byte)size);
            if (size == 0)
            {
                return;
            }
            input.ReadExactly(buffer, 0, size);
            output.Write(buffer, 0, size);
        }
    }

    private static void SkipSubBlocks(Stream input, byte[] buffer)
    {
        while (true)
        {
            var size = ReadByte(input);
            if (size == 0)
            {
                return;
            }
            input.ReadExactly(buffer, 0, size);
        }
    }

    private static void StripWebP(Stream input, Stream output)
    {
        Span<byte> header = stackalloc byte[12];
        input.ReadExactly(header);
        var riffEnd = 8L + BinaryPrimitives.ReadUInt32LittleEndian(header[4..8]);
        var kept = new List<(string Type, long Offset, uint Size)>();
        Span<byte> chunkHeader = stackalloc byte[8];
        while (input.Position + 8 <= riffEnd && input.Position + 8 <= input.Length)
        {
            input.ReadExactly(chunkHeader);
            var type = System.Text.Encoding.ASCII.GetString(chunkHeader[..4]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            var padded = size + (size & 1);
            if (input.Position + size > input.Length)
            {
                throw Corrupt("WebP");
            }
            if (WebPImageChunks.Contains(type))
            {
                kept.Add((type, input.Position, size));
            }
            input.Seek(Math.Min(padded, input.Length - input.Position), SeekOrigin.Current);
        }
        if (kept.Count == 0)
        {
            throw Corrupt("WebP");
        }

        var riffSize = 4L + kept.Sum(c => 8L + c.Size + (c.Size & 1));
        Span<byte> riff = stackalloc byte[12];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff[4..8], (uint)riffSize);
        "WEBP"u8.CopyTo(riff[8..]);
        output.Write(riff);
        var buffer = new byte[81920];
        foreach (var (type, offset, size) in kept)
        {
            input.Seek(offset, SeekOrigin.Begin);
            System.Text.Encoding.ASCII.GetBytes(type, chunkHeader[..4]);
            BinaryPrimitives.WriteUInt32LittleEndian(chunkHeader[4..], size);
            output.Write(chunkHeader);
            if (type == "VP8X" && size >= 1)
            {
                var flags = (byte)ReadByte(input);
                output.WriteByte((byte)(flags & ~0x0C));    // no EXIF (0x08), no XMP (0x04) any more
                Copy(input, output, size - 1, buffer);
            }
            else
            {
                Copy(input, output, size, buffer);
            }
            if ((size & 1) == 1)
            {
                output.WriteByte(0);
            }
        }
    }

    private static void Copy(Stream input, Stream output, long count, byte[] buffer)
    {
        while (count > 0)
        {
            var read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0)
            {
                throw new ImageRejectedException("The image is truncated");
            }
            output.Write(buffer, 0, read);
            count -= read;
        }
    }

    private static void Skip(Stream input, long count, byte[] buffer)
    {
        if (input.CanSeek)
        {
            if (input.Position + count > input.Length)
            {
                throw new ImageRejectedException("The image is truncated");
            }
            input.Seek(count, SeekOrigin.Current);
            return;
        }
        Copy(input, Stream.Null, count, buffer);
    }

    private static int ReadByte(Stream input)
    {
        var value = input.ReadByte();
        return value >= 0 ? value : throw new ImageRejectedException("The image is truncated");
    }

    private static ImageRejectedException Corrupt(string format) => new($"The {format} file is corrupt");
}
