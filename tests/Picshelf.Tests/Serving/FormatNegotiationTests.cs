using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Picshelf.Tests.Infrastructure;
using VipsImage = NetVips.Image;

namespace Picshelf.Tests.Serving;

/// <summary>
/// Direct links answer a client that takes AVIF or WebP with that variant of a JPEG or PNG when it is smaller, made in
/// the background after the first such request; everyone else, and <c>?original</c>, gets the stored bytes.
/// </summary>
public sealed class FormatNegotiationTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private const string Browser = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return await client.SendAsync(request);
    }

    /// <summary>Asks until the answer is no longer the stored type: the variants are made in the background.</summary>
    private static async Task<HttpResponseMessage> VariantAsync(HttpClient client, string path, string accept, string storedType)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await GetAsync(client, path, accept);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (response.Content.Headers.ContentType!.MediaType != storedType || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return response;
            }
            response.Dispose();
            await Task.Delay(50);
        }
    }

    private async Task<(HttpClient Client, string Id, byte[] Stored)> UploadAsync(byte[] bytes)
    {
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(bytes)).GetProperty("id").GetString()!;
        return (client, id, await client.GetByteArrayAsync($"/{id}.jpg?original"));
    }

    [Fact]
    public async Task Jpeg_ToABrowser_IsTheStoredBytesFirst_ThenTheSmallerVariant_WithItsOwnETag()
    {
        var (client, id, stored) = await UploadAsync(TestImages.Jpeg(800, 600));

        using var first = await GetAsync(client, $"/{id}.jpg", Browser);
        Assert.Equal("image/jpeg", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(stored, await first.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Accept"], first.Headers.Vary);

        using var variant = await VariantAsync(client, $"/{id}.jpg", Browser, "image/jpeg");
        var bytes = await variant.Content.ReadAsByteArrayAsync();
        using var avif = await VariantAsync(client, $"/{id}.jpg", "image/avif", "image/jpeg");
        using var webp = await VariantAsync(client, $"/{id}.jpg", "image/webp", "image/jpeg");
        Assert.Equal("image/avif", avif.Content.Headers.ContentType!.MediaType);
        Assert.Equal("image/webp", webp.Content.Headers.ContentType!.MediaType);
        var sizes = new[] { avif.Content.Headers.ContentLength!.Value, webp.Content.Headers.ContentLength!.Value };
        Assert.Equal(sizes.Min(), bytes.Length);
        Assert.True(bytes.Length < stored.Length);
        Assert.Equal(["Accept"], variant.Headers.Vary);
        Assert.Equal("public, max-age=31536000, immutable", variant.Headers.CacheControl!.ToString());
        Assert.NotEqual(first.Headers.ETag, variant.Headers.ETag);
        Assert.NotEqual(avif.Headers.ETag, webp.Headers.ETag);
        using var decoded = VipsImage.NewFromBuffer(bytes);
        Assert.Equal((800, 600), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task AVariantsETag_InIfNoneMatch_Answers304_ThatStillVariesByAccept()
    {
        var (client, id, _) = await UploadAsync(TestImages.Jpeg(400, 300));
        using var variant = await VariantAsync(client, $"/{id}.jpg", "image/webp", "image/jpeg");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{id}.jpg");
        request.Headers.TryAddWithoutValidation("Accept", "image/webp");
        request.Headers.IfNoneMatch.Add(variant.Headers.ETag!);
        using var again = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(["Accept"], again.Headers.Vary);
    }

    [Fact]
    public async Task Png_GetsALosslessWebP_WithEveryPixelKept_AndNeverAvif()
    {
        // Smooth gradients with a varying alpha, as drawings and screenshots have (noise compresses in no format).
        using var xy = NetVips.Image.Xyz(300, 200);
        using var translucent = xy[0].Bandjoin([xy[1], (xy[0] + xy[1]) / 2, xy[1]]).Cast(NetVips.Enums.BandFormat.Uchar);
        var (client, id, stored) = await UploadAsync(translucent.PngsaveBuffer());

        using var variant = await VariantAsync(client, $"/{id}.png", "image/avif,image/webp", "image/png");

        Assert.Equal("image/webp", variant.Content.Headers.ContentType!.MediaType);
        using var original = VipsImage.NewFromBuffer(stored);
        using var decoded = VipsImage.NewFromBuffer(await variant.Content.ReadAsByteArrayAsync());
        Assert.Equal(4, decoded.Bands);
        using var difference = (original - decoded).Abs();
        Assert.Equal(0, difference.Max());
        using var avifOnly = await GetAsync(client, $"/{id}.png", "image/avif");
        Assert.Equal("image/png", avifOnly.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Thumbnail_IsServedAsAVariantToo()
    {
        var (client, id, _) = await UploadAsync(TestImages.Jpeg(1600, 1200));
        var thumbnail = await client.GetByteArrayAsync($"/{id}m.jpg");

        using var variant = await VariantAsync(client, $"/{id}m.jpg", "image/webp", "image/jpeg");

        Assert.Equal("image/webp", variant.Content.Headers.ContentType!.MediaType);
        var bytes = await variant.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length < thumbnail.Length);
        using var decoded = VipsImage.NewFromBuffer(bytes);
        Assert.Equal((320, 240), (decoded.Width, decoded.Height));
    }

    [Theory]
    [InlineData("image/avif;q=0, image/webp;q=0")]
    [InlineData("image/webp;q=0.0")]
    [InlineData("image/avif;q=abc")]
    [InlineData("image/webp;;;===,,\"")]
    [InlineData("image/*,*/*")]
    [InlineData("")]
    public async Task AnAcceptThatRefusesOrDoesNotParse_GetsTheStoredBytes(string accept)
    {
        var (client, id, stored) = await UploadAsync(TestImages.Jpeg(400, 300));
        using var made = await VariantAsync(client, $"/{id}.jpg", Browser, "image/jpeg");
        Assert.NotEqual("image/jpeg", made.Content.Headers.ContentType!.MediaType);

        using var response = await GetAsync(client, $"/{id}.jpg", accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(stored, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task QueryOriginal_GetsTheStoredBytes_AndTheLinkFieldIsUnchanged()
    {
        var client = await app.AnonymousClientAsync();
        var uploaded = await client.UploadAsync(TestImages.Jpeg(400, 300));
        var id = uploaded.GetProperty("id").GetString()!;
        using var made = await VariantAsync(client, $"/{id}.jpg", Browser, "image/jpeg");

        using var original = await GetAsync(client, $"/{id}.jpg?original", Browser);

        Assert.Equal("image/jpeg", original.Content.Headers.ContentType!.MediaType);
        Assert.Empty(original.Headers.Vary);
        Assert.Equal($"http://localhost/{id}.jpg", uploaded.GetProperty("link").GetString());
    }

    [Fact]
    public async Task AnimatedGif_IsNeverNegotiated()
    {
        var (client, id, stored) = await UploadAsync(TestImages.AnimatedGif());

        using var response = await GetAsync(client, $"/{id}.gif", Browser);

        Assert.Equal("image/gif", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(stored, await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(response.Headers.Vary);
    }

    [Fact]
    public async Task DeletingTheImage_RemovesItsVariants()
    {
        var client = await app.AnonymousClientAsync();
        var uploaded = await client.UploadAsync(TestImages.Jpeg(400, 300));
        var (id, deletehash) = (uploaded.GetProperty("id").GetString()!, uploaded.GetProperty("deletehash").GetString()!);
        using var variant = await VariantAsync(client, $"/{id}.jpg", "image/webp", "image/jpeg");
        using var thumbnailVariant = await VariantAsync(client, $"/{id}t.jpg", "image/webp", "image/jpeg");
        Assert.Contains($"variants/{id}t.webp", await app.StoredFilesAsync());

        using var deleted = await client.DeleteAsync($"/3/image/{deletehash}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        Assert.DoesNotContain(await app.StoredFilesAsync(), key => key.Contains(id, StringComparison.Ordinal));
        using var gone = await GetAsync(client, $"/{id}.jpg", "image/webp");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task WithNegotiationOff_EveryClientGetsTheStoredBytes_AndNoVariantIsMade()
    {
        await using var off = new PicshelfApp().With("Media:NegotiateFormats", "false");
        var client = await off.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.Jpeg(400, 300))).GetProperty("id").GetString()!;

        for (var i = 0; i < 3; i++)
        {
            using var response = await GetAsync(client, $"/{id}.jpg", Browser);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
            Assert.Empty(response.Headers.Vary);
            await Task.Delay(100);
        }
        Assert.DoesNotContain(await off.StoredFilesAsync(), key => key.StartsWith("variants/", StringComparison.Ordinal));
    }
}
