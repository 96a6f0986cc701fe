using System.Text;
using Picshelf.Tests.Infrastructure;
using VipsImage = NetVips.Image;

namespace Picshelf.Tests.Media;

/// <summary>What is stored and served carries no EXIF, GPS, XMP, comments or text chunks.</summary>
public sealed class MetadataTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private async Task<(byte[] Served, System.Text.Json.JsonElement Model)> RoundTripAsync(byte[] upload)
    {
        var client = await app.AnonymousClientAsync();
        var model = await client.UploadAsync(upload);
        var served = await client.GetByteArrayAsync($"/{model.GetProperty("id").GetString()}.jpg");
        return (served, model);
    }

    [Fact]
    public async Task Jpeg_MetadataIsStripped_PixelsAreNotReencoded()
    {
        var upload = TestImages.JpegWithMetadata();
        Assert.Contains("SECRET-XMP", Encoding.ASCII.GetString(upload), StringComparison.Ordinal);

        var (served, model) = await RoundTripAsync(upload);
        var text = Encoding.ASCII.GetString(served);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", text, StringComparison.Ordinal);
        Assert.Equal(served.Length, model.GetProperty("size").GetInt32());

        // Same pixels: the entropy-coded data was copied, not decoded and written again.
        using var before = VipsImage.NewFromBuffer(upload);
        using var after = VipsImage.NewFromBuffer(served);
        Assert.Equal(0, (before - after).Abs().Max());
    }

    [Theory]
    [InlineData(6, 48, 64)]
    [InlineData(8, 48, 64)]
    [InlineData(3, 64, 48)]
    public async Task Jpeg_ExifOrientationIsApplied_ThenDropped(int orientation, int width, int height)
    {
        var (served, model) = await RoundTripAsync(TestImages.JpegWithMetadata(64, 48, orientation));
        Assert.Equal(width, model.GetProperty("width").GetInt32());
        Assert.Equal(height, model.GetProperty("height").GetInt32());
        using var stored = VipsImage.NewFromBuffer(served);
        Assert.Equal((width, height), (stored.Width, stored.Height));
        Assert.True(!stored.Contains("orientation") || (int)stored.Get("orientation") == 1);
        Assert.DoesNotContain("SECRET", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Png_TextChunksAreStripped()
    {
        var upload = TestImages.PngWithText();
        using (var check = VipsImage.NewFromBuffer(upload))
        {
            Assert.Equal(64, check.Width);
        }
        var (served, _) = await RoundTripAsync(upload);
        Assert.DoesNotContain("SECRET", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        Assert.DoesNotContain("tEXt", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gif_CommentsAreStripped_AnimationIsKept()
    {
        var gif = TestImages.AnimatedGif(30, 20, 3);
        // A comment extension right after the global colour table.
        var colourTable = 3 * (1 << ((gif[10] & 0x07) + 1));
        var at = 13 + colourTable;
        byte[] comment = [0x21, 0xFE, 14, .. Encoding.ASCII.GetBytes("SECRET-COMMENT"), 0];
        byte[] upload = [.. gif[..at], .. comment, .. gif[at..]];

        var (served, model) = await RoundTripAsync(upload);
        Assert.DoesNotContain("SECRET", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        Assert.True(model.GetProperty("animated").GetBoolean());
        using var stored = VipsImage.NewFromBuffer(served, kwargs: new NetVips.VOption { { "n", -1 } });
        Assert.Equal(3, (int)stored.Get("n-pages"));
    }

    [Fact]
    public async Task Jpeg_JfifPreviewAndUnknownSegments_AreDropped()
    {
        var jpeg = TestImages.Jpeg(64, 48);
        // A JFIF header carrying a 2x1 RGB preview, a JFXX extension and an APP9 vendor segment.
        byte[] jfif = [.. "JFIF\0"u8.ToArray(), 1, 2, 0, 0, 1, 0, 1, 2, 1, .. "SECRET"u8.ToArray()];
        byte[] upload = [.. jpeg[..2],
            .. Segment(0xE0, jfif), .. Segment(0xE0, [.. "JFXX\0"u8.ToArray(), 0x13, .. "SECRET-JFXX"u8.ToArray()]),
            .. Segment(0xE9, "SECRET-VENDOR"u8.ToArray()), .. jpeg[2..]];
        var (served, _) = await RoundTripAsync(upload);
        Assert.DoesNotContain("SECRET", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        Assert.DoesNotContain("JFXX", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Png_PrivateChunks_AreDropped()
    {
        var png = TestImages.Png();
        byte[] upload = [.. png[..33], .. PngChunk("prVt", "SECRET-PRIVATE"u8.ToArray()), .. PngChunk("exIf", "SECRET-OLD-EXIF"u8.ToArray()), .. png[33..]];
        var (served, _) = await RoundTripAsync(upload);
        Assert.DoesNotContain("SECRET", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        using var stored = VipsImage.NewFromBuffer(served);
        Assert.Equal(64, stored.Width);
    }

    [Fact]
    public async Task WebP_ExifAndXmp_AreDropped()
    {
        using var image = VipsImage.Gaussnoise(64, 48).Cast(NetVips.Enums.BandFormat.Uchar);
        using var tagged = image.Mutate(m => m.Set(NetVips.GValue.GStrType, "exif-ifd0-Artist", "SECRET-WEBP-ARTIST"));
        var webp = tagged.WebpsaveBuffer(keep: NetVips.Enums.ForeignKeep.All);
        var (served, model) = await RoundTripAsync(webp);
        Assert.Equal("image/webp", model.GetProperty("type").GetString());
        Assert.DoesNotContain("SECRET", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        Assert.DoesNotContain("EXIF", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        using var stored = VipsImage.NewFromBuffer(served);
        Assert.Equal(64, stored.Width);
    }

    private static byte[] Segment(byte marker, byte[] payload) =>
        [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];

    private static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length),
            System.IO.Hashing.Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    [Fact]
    public async Task TrailingDataAfterJpegEnd_IsDropped()
    {
        byte[] upload = [.. TestImages.Jpeg(64, 48), .. Encoding.ASCII.GetBytes("SECRET-APPENDED-PAYLOAD")];
        var (served, _) = await RoundTripAsync(upload);
        Assert.DoesNotContain("SECRET", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, served[^2..]);
    }
}
