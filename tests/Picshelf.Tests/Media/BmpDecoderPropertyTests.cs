using System.Buffers.Binary;
using CsCheck;
using Picshelf.Media;
using Picshelf.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Picshelf.Tests.Media;

/// <summary>
/// The bitmap reader called directly, without the upload path around it, on damaged bitmaps of every depth it reads:
/// it decodes or refuses with <see cref="ImageRejectedException"/>, and what it decodes stays within the pixel limit and
/// within what the file's bytes can describe.
/// </summary>
public sealed class BmpDecoderPropertyTests(ITestOutputHelper output)
{
    private static readonly (string Name, byte[] Bytes)[] Seeds =
    [
        ("bmp1", TestImages.Bmp(13, 9, 1)),
        ("bmp4", TestImages.Bmp(13, 9, 4)),
        ("bmp8", TestImages.Bmp(13, 9, 8)),
        ("bmp24", TestImages.Bmp(13, 9, 24)),
        ("bmp32", TestImages.Bmp(13, 9, 32)),
    ];

    /// <summary>The default, one that the seeds themselves pass, one they do not, and none at all, which the setting allows.</summary>
    private static readonly long[] PixelLimits = [100_000_000, 13 * 9, 13 * 9 - 1, long.MaxValue];

    private static readonly Gen<(int Seed, ImageMutation[] Mutations, long MaxPixels)> DamagedBitmap =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], ImageMutation.Any.Array[0, 4], Gen.OneOf(PixelLimits));

    [Fact]
    public Task DamagedBitmap_IsDecodedWithinThePixelLimitAndItsOwnBytes_OrRejected() =>
        DamagedBitmap.CheckAsync(nameof(DamagedBitmap_IsDecodedWithinThePixelLimitAndItsOwnBytes_OrRejected), 600, output, bitmap =>
        {
            var file = bitmap.Mutations.Aggregate(Seeds[bitmap.Seed].Bytes, (bytes, mutation) => mutation.Apply(bytes));
            BmpDecoder.Bitmap decoded;
            try
            {
                decoded = BmpDecoder.Decode(file, bitmap.MaxPixels);
            }
            catch (ImageRejectedException) when (bitmap.Mutations.Length > 0 || bitmap.MaxPixels < 13 * 9)
            {
                return Task.CompletedTask;
            }
            var pixels = (long)decoded.Width * decoded.Height;
            Assert.InRange(pixels, 1, bitmap.MaxPixels);
            Assert.Equal(pixels * 3, decoded.Rgb.Length);
            // Every row is read from the file, and the narrowest row holds one bit per pixel: three output bytes
            // per pixel are at most 24 per byte of input.
            Assert.InRange(decoded.Rgb.LongLength, 3, 24L * file.Length);
            return Task.CompletedTask;
        }, bitmap => $"{Seeds[bitmap.Seed].Name}, at most {bitmap.MaxPixels} pixels: {string.Join(", ", bitmap.Mutations.Select(m => m.ToString()))}");

    /// <summary>
    /// Found reading the row arithmetic: <c>Uploads:MaxPixels</c> may be as high as a long goes, and then a header of
    /// int.MaxValue pixels square passed it, <c>stride * height</c> overflowed to a negative size that the truncation
    /// check let through, and sizing the RGB array threw OverflowException (a 500 from the upload).
    /// </summary>
    [Theory]
    [InlineData(24)]
    [InlineData(32)]
    public void Bitmap_OfMorePixelsThanOneArrayHolds_IsRejected_WithoutAPixelLimit(int bitsPerPixel)
    {
        var file = TestImages.Bmp(1, 1, bitsPerPixel);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), int.MaxValue);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), int.MaxValue);
        var rejected = Assert.Throws<ImageRejectedException>(() => BmpDecoder.Decode(file, long.MaxValue));
        Assert.False(rejected.UnsupportedType);
    }
}
