using System.Buffers.Binary;
using System.Text;

namespace Picshelf.Media;

/// <summary>
/// Removes what could tell where and by whom a HEIC or JPEG XL was made (EXIF with its GPS, XMP) from the file kept as it
/// was uploaded, without re-encoding it: every offset in the file stays valid, so the metadata's bytes are overwritten
/// with zeros where they are. A HEIF's metadata items are found through its <c>iinf</c> and <c>iloc</c> boxes (ISO/IEC
/// 23008-12); a JPEG XL's are top-level boxes (<c>Exif</c>, <c>xml </c>, <c>jumb</c>, or any of them Brotli-compressed
/// in a <c>brob</c>, and <c>jbrd</c>, from which a transcoded JPEG's comments could be rebuilt), which are also renamed
/// <c>free</c> so decoders skip them: the pixels stay, the original JPEG can no longer be rebuilt bit for bit. A naked
/// JPEG XL codestream has none.
/// </summary>
public static class ForeignMetadata
{
    /// <summary>Copies <paramref name="sourcePath"/> to <paramref name="outputPath"/> without its metadata.</summary>
    /// <exception cref="ImageRejectedException">The file's boxes do not hold together.</exception>
    public static void Remove(ImageFormat format, string sourcePath, string outputPath)
    {
        var file = File.ReadAllBytes(sourcePath);
        if (format == ImageFormat.Heic)
        {
            RemoveFromHeif(file);
        }
        else if (format == ImageFormat.Jxl)
        {
            RemoveFromJxl(file);
        }
        else
        {
            throw new ArgumentException($"No metadata remover for {format.MimeType}", nameof(format));
        }
        File.WriteAllBytes(outputPath, file);
    }

    /// <summary>Metadata boxes, and <c>jbrd</c>: a JPEG's reconstruction data carries its other APP segments and comments verbatim.</summary>
    private static readonly string[] JxlMetadataBoxes = ["Exif", "xml ", "jumb", "jbrd"];

    private static void RemoveFromJxl(byte[] file)
    {
        if (file.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A]))
        {
            return;
        }
        foreach (var box in Boxes(file, 0, file.Length))
        {
            var inner = box.Type == "brob" && box.End - box.Start >= 4 ? Encoding.ASCII.GetString(file, box.Start, 4) : null;
            if (JxlMetadataBoxes.Contains(box.Type) || (inner is not null && JxlMetadataBoxes.Contains(inner)))
            {
                "free"u8.CopyTo(file.AsSpan(box.Start - 4));
                file.AsSpan(box.Start, box.End - box.Start).Clear();
            }
        }
    }

    private static void RemoveFromHeif(byte[] file)
    {
        var meta = Boxes(file, 0, file.Length).FirstOrDefault(b => b.Type == "meta");
        if (meta.Type is null)
        {
            return;
        }
        var children = Boxes(file, meta.Start + 4, meta.End).ToList();
        var metadataItems = children.Where(b => b.Type == "iinf").SelectMany(b => MetadataItems(file, b)).ToHashSet();
        if (metadataItems.Count == 0)
        {
            return;
        }
        var idat = children.FirstOrDefault(b => b.Type == "idat");
        foreach (var location in children.Where(b => b.Type == "iloc"))
        {
            foreach (var (item, method, offset, length) in Extents(file, location))
            {
                if (!metadataItems.Contains(item) || method == 2)
                {
                    continue;
                }
                var start = method == 1 ? (idat.Type is null ? throw Malformed() : idat.Start + offset) : offset;
                var end = length == 0 ? (method == 1 ? idat.End : file.Length) : start + length;
                if (start < 0 || end > (method == 1 ? idat.End : file.Length) || end < start)
                {
                    throw Malformed();
                }
                file.AsSpan((int)start, (int)(end - start)).Clear();
            }
        }
    }

    /// <summary>The ids of the <c>Exif</c> and <c>mime</c> (XMP) items an <c>iinf</c> box lists.</summary>
    private static IEnumerable<uint> MetadataItems(byte[] file, Box iinf)
    {
        var version = file[iinf.Start];
        var entries = iinf.Start + 4 + (version == 0 ? 2 : 4);
        foreach (var infe in Boxes(file, entries, iinf.End).Where(b => b.Type == "infe"))
        {
            var infeVersion = file[infe.Start];
            if (infeVersion < 2)
            {
                continue;
            }
            var idSize = infeVersion == 2 ? 2 : 4;
            var typeAt = infe.Start + 4 + idSize + 2;
            if (typeAt + 4 > infe.End)
            {
                throw Malformed();
            }
            var type = Encoding.ASCII.GetString(file, typeAt, 4);
            if (type is "Exif" or "mime")
            {
                yield return (uint)Unsigned(file, infe.Start + 4, idSize, infe.End);
            }
        }
    }

    /// <summary>Every extent an <c>iloc</c> box lists: its item, its construction method (0 file, 1 idat, 2 item), offset and length.</summary>
    private static IEnumerable<(uint Item, int Method, long Offset, long Length)> Extents(byte[] file, Box iloc)
    {
        var version = file[iloc.Start];
        var at = iloc.Start + 4;
        var end = iloc.End;
        var sizes = Unsigned(file, at, 2, end);
        var (offsetSize, lengthSize, baseSize, indexSize) = ((int)(sizes >> 12) & 0xF, (int)(sizes >> 8) & 0xF, (int)(sizes >> 4) & 0xF,
            version is 1 or 2 ? (int)sizes & 0xF : 0);
        at += 2;
        var idSize = version < 2 ? 2 : 4;
        var count = Unsigned(file, at, idSize, end);
        at += idSize;
        for (var item = 0u; item < count; item++)
        {
            var id = (uint)Unsigned(file, at, idSize, end);
            at += idSize;
            var method = 0;
            if (version is 1 or 2)
            {
                method = (int)Unsigned(file, at, 2, end) & 0xF;
                at += 2;
            }
            at += 2;
            var baseOffset = (long)Unsigned(file, at, baseSize, end);
            at += baseSize;
            var extents = Unsigned(file, at, 2, end);
            at += 2;
            for (var extent = 0ul; extent < extents; extent++)
            {
                at += indexSize;
                var offset = (long)Unsigned(file, at, offsetSize, end);
                at += offsetSize;
                var length = (long)Unsigned(file, at, lengthSize, end);
                at += lengthSize;
                yield return (id, method, baseOffset + offset, length);
            }
        }
    }

    /// <summary>A big-endian unsigned number of 0, 2, 4 or 8 bytes (0 reads as 0, as iloc's sizes allow).</summary>
    private static ulong Unsigned(byte[] file, int at, int size, int end) =>
        at + size > end ? throw Malformed()
        : size switch
        {
            0 => 0,
            1 => file[at],
            2 => BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(at)),
            4 => BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at)),
            8 => BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan(at)),
            _ => throw Malformed(),
        };

    private readonly record struct Box(string Type, int Start, int End);

    /// <summary>The boxes between two offsets: each one's type and where its payload starts and ends.</summary>
    private static IEnumerable<Box> Boxes(byte[] file, int from, int to)
    {
        var at = from;
        while (at + 8 <= to)
        {
            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
            var header = 8;
            if (size == 1)
            {
                size = (long)Unsigned(file, at + 8, 8, to);
                header = 16;
            }
            else if (size == 0)
            {
                size = to - at;
            }
            if (size < header || at + size > to)
            {
                throw Malformed();
            }
            yield return new Box(Encoding.ASCII.GetString(file, at + 4, 4), at + header, (int)(at + size));
            at += (int)size;
        }
    }

    private static ImageRejectedException Malformed() => new("The image's boxes are malformed");
}
