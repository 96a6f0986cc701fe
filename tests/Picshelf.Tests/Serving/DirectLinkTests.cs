using System.Net;
using System.Net.Http.Headers;
using NetVips;
using Picshelf.Tests.Infrastructure;
using VipsImage = NetVips.Image;

namespace Picshelf.Tests.Serving;

public sealed class DirectLinkTests(DirectLinkTests.UnflushedApp app) : IClassFixture<DirectLinkTests.UnflushedApp>
{
    /// <summary>
    /// Views and bytes stay in memory here, so each read adds exactly the hits before it. A read that races a flush may
    /// miss that flush's counts for a moment (its row read before the flush wrote, its pending counts after); the flush
    /// itself is tested by <see cref="ViewFlushTests"/>.
    /// </summary>
    public sealed class UnflushedApp : PicshelfApp
    {
        public UnflushedApp() => With("Media:ViewFlushInterval", "01:00:00");
    }

    private async Task<(HttpClient Client, string Id, byte[] Stored)> UploadAsync(byte[] bytes)
    {
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(bytes)).GetProperty("id").GetString()!;
        var stored = await (await client.GetAsync($"/{id}.jpg")).Content.ReadAsByteArrayAsync();
        return (client, id, stored);
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    [InlineData("gif")]
    [InlineData("webp")]
    public async Task Original_AnyExtension_ServesTheTrueType(string extension)
    {
        var (client, id, _) = await UploadAsync(TestImages.Png(50, 40));
        using var response = await client.GetAsync($"/{id}.{extension}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.NotNull(response.Headers.ETag);
        using var decoded = VipsImage.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(50, decoded.Width);
    }

    [Fact]
    public async Task Link_InModel_ServesTheImage()
    {
        var client = await app.AnonymousClientAsync();
        var link = (await client.UploadAsync(TestImages.Jpeg(120, 90))).GetProperty("link").GetString()!;
        Assert.StartsWith("http://localhost/", link, StringComparison.Ordinal);
        using var response = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData('s', 90, 90)]
    [InlineData('b', 160, 160)]
    [InlineData('t', 160, 120)]
    [InlineData('m', 320, 240)]
    [InlineData('l', 640, 480)]
    [InlineData('h', 1024, 768)]
    public async Task Thumbnail_HasImgursSize(char suffix, int width, int height)
    {
        var (client, id, _) = await UploadAsync(TestImages.Jpeg(1600, 1200));
        using var response = await client.GetAsync($"/{id}{suffix}.jpg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        using var thumbnail = VipsImage.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((width, height), (thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public async Task Thumbnail_NeverUpscales()
    {
        var (client, id, _) = await UploadAsync(TestImages.Jpeg(200, 100));
        using var huge = VipsImage.NewFromBuffer(await (await client.GetAsync($"/{id}h.jpg")).Content.ReadAsByteArrayAsync());
        Assert.Equal((200, 100), (huge.Width, huge.Height));
    }

    [Fact]
    public async Task Thumbnail_OfTransparentImage_IsPngWithAlpha()
    {
        var (client, id, _) = await UploadAsync(TestImages.Png(400, 300, alpha: true));
        using var response = await client.GetAsync($"/{id}m.jpg");
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        using var thumbnail = VipsImage.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
        Assert.True(thumbnail.HasAlpha());
    }

    [Fact]
    public async Task Thumbnail_OfAnimatedGif_IsAStillImage()
    {
        var (client, id, _) = await UploadAsync(TestImages.AnimatedGif(200, 100, 4));
        using var response = await client.GetAsync($"/{id}t.gif");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var thumbnail = VipsImage.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((160, 80), (thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public async Task Thumbnail_IsKeptInTheBlobStoreAfterFirstRequest()
    {
        var (client, id, _) = await UploadAsync(TestImages.Jpeg(400, 300));
        Assert.DoesNotContain(await app.StoredFilesAsync(), f => Path.GetFileName(f) == id + "b");
        var first = await (await client.GetAsync($"/{id}b.jpg")).Content.ReadAsByteArrayAsync();
        Assert.Contains(await app.StoredFilesAsync(), f => Path.GetFileName(f) == id + "b");
        Assert.Equal(first, await (await client.GetAsync($"/{id}b.png")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Thumbnail_ConcurrentFirstRequests_AllGetTheSameBytes()
    {
        var (client, id, _) = await UploadAsync(TestImages.Jpeg(800, 600));
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetByteArrayAsync($"/{id}l.jpg")));
        Assert.All(responses, r => Assert.Equal(responses[0], r));
    }

    [Fact]
    public async Task Head_AnswersHeadersWithoutBody()
    {
        var (client, id, stored) = await UploadAsync(TestImages.Jpeg(100, 100));
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{id}.jpg"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(stored.Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Range_AnswersPartialContent()
    {
        var (client, id, stored) = await UploadAsync(TestImages.Jpeg(300, 200));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{id}.jpg");
        request.Headers.Range = new RangeHeaderValue(10, 109);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(stored[10..110], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(stored.Length, response.Content.Headers.ContentRange!.Length);
    }

    [Fact]
    public async Task Range_Unsatisfiable_Answers416()
    {
        var (client, id, stored) = await UploadAsync(TestImages.Jpeg(100, 100));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{id}.jpg");
        request.Headers.Range = new RangeHeaderValue(stored.Length + 10, stored.Length + 20);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
    }

    [Fact]
    public async Task IfNoneMatch_Answers304()
    {
        var (client, id, _) = await UploadAsync(TestImages.Jpeg(100, 100));
        var etag = (await client.GetAsync($"/{id}.jpg")).Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{id}.jpg");
        request.Headers.IfNoneMatch.Add(etag);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Theory]
    [InlineData("/NoSuch1.jpg")]
    [InlineData("/NoSuch1m.jpg")]
    [InlineData("/..%2F..%2Fetc%2Fpasswd.jpg")]
    [InlineData("/a.jpg")]
    public async Task Unknown_Returns404Envelope(string path)
    {
        using var response = await app.CreateClient().GetAsync(path);
        await Envelope.ErrorAsync(response, 404);
    }

    [Fact]
    public async Task ThumbnailHits_AddBandwidthButNotViews()
    {
        var (client, id, stored) = await UploadAsync(TestImages.Jpeg(800, 600));
        var thumbnail = await client.GetByteArrayAsync($"/{id}m.jpg");
        await client.GetByteArrayAsync($"/{id}m.jpg");
        var image = await Envelope.DataAsync(await client.GetAsync($"/3/image/{id}"));
        Assert.Equal(1, image.GetProperty("views").GetInt32());
        Assert.Equal(stored.Length + 2L * thumbnail.Length, image.GetProperty("bandwidth").GetInt64());
    }

    [Fact]
    public async Task Views_AndBandwidth_GrowWithDirectLinkHits()
    {
        var (client, id, stored) = await UploadAsync(TestImages.Jpeg(100, 100));
        for (var i = 0; i < 4; i++)
        {
            await client.GetByteArrayAsync($"/{id}.jpg");
        }
        // One hit came from the helper that read the stored bytes: five in all, counted in memory.
        var image = await Envelope.DataAsync(await client.GetAsync($"/3/image/{id}"));
        Assert.Equal(5, image.GetProperty("views").GetInt32());
        Assert.Equal(5L * stored.Length, image.GetProperty("bandwidth").GetInt64());
    }
}

/// <summary>Counted views and bytes reach the database (every 200 ms in tests), and reads then show them once.</summary>
public sealed class ViewFlushTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task DirectLinkHits_AreWrittenToTheDatabase_AndCountedOnce()
    {
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.Jpeg(100, 100))).GetProperty("id").GetString()!;
        var stored = await client.GetByteArrayAsync($"/{id}.jpg");
        for (var i = 0; i < 4; i++)
        {
            await client.GetByteArrayAsync($"/{id}.jpg");
        }

        var flushed = false;
        for (var attempt = 0; attempt < 50 && !flushed; attempt++)
        {
            await Task.Delay(100);
            flushed = await app.WithDbAsync(db => Task.FromResult(db.Images.Single(i => i.Id == id).Views == 5));
        }
        var image = await Envelope.DataAsync(await client.GetAsync($"/3/image/{id}"));

        Assert.True(flushed, "view counts were not written to the database");
        Assert.Equal(5, image.GetProperty("views").GetInt32());
        Assert.Equal(5L * stored.Length, image.GetProperty("bandwidth").GetInt64());
    }
}

public sealed class PublicBaseUrlTests(PublicBaseUrlTests.PublicUrlApp app) : IClassFixture<PublicBaseUrlTests.PublicUrlApp>
{
    public sealed class PublicUrlApp : PicshelfApp
    {
        public PublicUrlApp()
        {
            With("Media:PublicBaseUrl", "https://i.example.com/");
        }
    }

    [Fact]
    public async Task Link_UsesTheConfiguredPublicBaseUrl()
    {
        var client = await app.AnonymousClientAsync();
        var image = await client.UploadAsync(TestImages.Png());
        Assert.Equal($"https://i.example.com/{image.GetProperty("id").GetString()}.png", image.GetProperty("link").GetString());
    }
}
