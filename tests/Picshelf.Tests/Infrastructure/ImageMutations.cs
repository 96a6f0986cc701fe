using System.Buffers.Binary;
using CsCheck;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// Damage done to a valid image file the way a fuzzer does it: flipped bits, a cut end, a duplicated span or
/// chunk, a length or size field set to an extreme. Each mutation is a record, so a failing case prints as the
/// list of what was done to which seed image.
/// </summary>
public abstract record ImageMutation
{
    public abstract byte[] Apply(byte[] file);

    /// <summary>Valid images of every format the upload path parses itself or hands to libvips, small so a case is fast.</summary>
    public static readonly IReadOnlyList<(string Name, byte[] Bytes)> SeedImages =
    [
        ("jpeg", TestImages.JpegWithMetadata(24, 16)),
        ("png", TestImages.PngWithText()),
        ("gif", TestImages.AnimatedGif(16, 12, 2)),
        ("webp", TestImages.WebP(24, 16)),
        ("bmp8", TestImages.Bmp(12, 9, 8)),
        ("bmp24", TestImages.Bmp(12, 9, 24)),
        ("tiff", TestImages.Tiff(24, 16)),
    ];

    private static readonly uint[] ExtremeValues = [0, 1, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF];

    /// <summary>One mutation; positions are drawn unbounded and taken modulo the file's length, as lengths change along a list.</summary>
    public static readonly Gen<ImageMutation> Any = Gen.Frequency(
        (4, Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 7], (position, bit) => (ImageMutation)new BitFlip(position, bit))),
        (1, Gen.Int[0, int.MaxValue].Select(length => (ImageMutation)new Truncate(length))),
        (1, Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1, 64], Gen.Int[0, int.MaxValue], (start, length, at) => (ImageMutation)new DuplicateSpan(start, length, at))),
        (2, Gen.Int[0, int.MaxValue].Select(chunk => (ImageMutation)new DuplicateChunk(chunk))),
        (3, Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOf(ExtremeValues), (field, value) => (ImageMutation)new ExtremeField(field, value))));

    /// <summary>A seed image's index and one to four mutations of it.</summary>
    public static readonly Gen<(int Seed, ImageMutation[] Mutations)> MutatedImage =
        Gen.Select(Gen.Int[0, SeedImages.Count - 1], Any.Array[1, 4]);

    public static byte[] Mutate(int seed, ImageMutation[] mutations) =>
        mutations.Aggregate(SeedImages[seed].Bytes, (file, mutation) => mutation.Apply(file));

    public static string Describe((int Seed, ImageMutation[] Mutations) image) =>
        $"{SeedImages[image.Seed].Name}: {string.Join(", ", image.Mutations.Select(m => m.ToString()))}";

    public sealed record BitFlip(int Position, int Bit) : ImageMutation
    {
        public override byte[] Apply(byte[] file)
        {
            if (file.Length == 0)
            {
                return file;
            }
            var flipped = file.ToArray();
            flipped[Position % flipped.Length] ^= (byte)(1 << Bit);
            return flipped;
        }
    }

    public sealed record Truncate(int Length) : ImageMutation
    {
        public override byte[] Apply(byte[] file) => file[..(Length % (file.Length + 1))];
    }

    public sealed record DuplicateSpan(int Start, int Length, int InsertAt) : ImageMutation
    {
        public override byte[] Apply(byte[] file)
        {
            if (file.Length == 0)
            {
                return file;
            }
            var start = Start % file.Length;
            var span = file.AsSpan(start, Math.Min(Length, file.Length - start));
            var at = InsertAt % (file.Length + 1);
            return [.. file.AsSpan(0, at), .. span, .. file.AsSpan(at)];
        }
    }

    /// <summary>Repeats one whole chunk, segment or directory entry right after itself, so the container stays walkable.</summary>
    public sealed record DuplicateChunk(int Chunk) : ImageMutation
    {
        public override byte[] Apply(byte[] file)
        {
            var chunks = ImageStructure.Chunks(file);
            if (chunks.Count == 0)
            {
                return file;
            }
            var (start, length) = chunks[Chunk % chunks.Count];
            return [.. file.AsSpan(0, start + length), .. file.AsSpan(start, length), .. file.AsSpan(start + length)];
        }
    }

    /// <summary>Sets a length, size, offset or dimension field of the container to an extreme value.</summary>
    public sealed record ExtremeField(int Field, uint Value) : ImageMutation
    {
        public override byte[] Apply(byte[] file)
        {
            var fields = ImageStructure.Fields(file);
            if (fields.Count == 0)
            {
                return file;
            }
            var (offset, width, bigEndian) = fields[Field % fields.Count];
            var changed = file.ToArray();
            var target = changed.AsSpan(offset, width);
            switch (width, bigEndian)
            {
                case (2, true): BinaryPrimitives.WriteUInt16BigEndian(target, (ushort)Value); break;
                case (2, false): BinaryPrimitives.WriteUInt16LittleEndian(target, (ushort)Value); break;
                case (_, true): BinaryPrimitives.WriteUInt32BigEndian(target, Value); break;
                default: BinaryPrimitives.WriteUInt32LittleEndian(target, Value); break;
            }
            return changed;
        }
    }
}
