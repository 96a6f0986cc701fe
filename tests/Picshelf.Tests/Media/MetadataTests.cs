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
    public async Task TrailingDataAfterJpegEnd_IsDropped()
    {
        byte[] upload = [.. TestImages.Jpeg(64, 48), .. Encoding.ASCII.GetBytes("SECRET-APPENDED-PAYLOAD")];
        var (served, _) = await RoundTripAsync(upload);
        Assert.DoesNotContain("SECRET", Encoding.ASCII.GetString(served), StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, served[^2..]);
    }
}
