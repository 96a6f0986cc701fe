using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Storage;

/// <summary>Picshelf on a real S3 protocol server (s3rver), its objects compared byte for byte.</summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class S3BlobStoreTests : IAsyncLifetime
{
    private readonly S3Server s3 = new();

    public Task InitializeAsync() => s3.InitializeAsync();

    public Task DisposeAsync() => s3.DisposeAsync();

    private PicshelfApp NewApp() => new PicshelfApp().With(s3.Settings($"t{Guid.NewGuid():N}/"));

    [Theory]
    [InlineData(64, 48)]
    [InlineData(1200, 900)]
    public async Task Upload_StoresTheOriginalInTheBucket_ByteExact(int width, int height)
    {
        await using var app = NewApp();
        await using var onDisk = new PicshelfApp();
        var png = TestImages.Png(width, height);

        var fromBucket = await ServedOriginalAsync(app, png);
        var fromDisk = await ServedOriginalAsync(onDisk, png);

        // The same upload gives the same bytes from either store: S3 added no framing and lost nothing.
        Assert.Equal(fromDisk.Bytes, fromBucket.Bytes);
        Assert.Equal(fromBucket.Size, fromBucket.Bytes.Length);
        Assert.Contains($"originals/{fromBucket.Id}", await app.StoredFilesAsync());
    }

    [Fact]
    public async Task OriginalsTooLargeForTheHotCache_AreStreamedFromTheBucket()
    {
        await using var app = NewApp().With("Media:HotCacheBytes", "0");
        await using var onDisk = new PicshelfApp();
        var png = TestImages.Png(800, 600);

        var fromBucket = await ServedOriginalAsync(app, png);
        var fromDisk = await ServedOriginalAsync(onDisk, png);

        Assert.Equal(fromDisk.Bytes, fromBucket.Bytes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OriginalsTooLargeForTheHotCache_AnswerRangesAndHead_AsOnDisk(bool onBucket)
    {
        await using var app = (onBucket ? NewApp() : new PicshelfApp()).With("Media:HotCacheBytes", "0");
        // Over the bucket reader's 4 MiB chunk, so the whole GET goes on into a second ranged request.
        var (id, size, whole) = await ServedOriginalAsync(app, TestImages.Png(2000, 1500));
        var client = app.CreateClient();

        using var middle = await GetRangeAsync(client, id, new RangeHeaderValue(100, 199));
        using var suffix = await GetRangeAsync(client, id, new RangeHeaderValue(null, 50));
        using var beyond = await GetRangeAsync(client, id, new RangeHeaderValue(size + 10, size + 20));
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{id}.png"));

        Assert.Equal(size, whole.Length);
        Assert.True(size > 4 * 1024 * 1024, $"{size} bytes fit in one chunk");
        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.Equal(whole[100..200], await middle.Content.ReadAsByteArrayAsync());
        Assert.Equal(size, middle.Content.Headers.ContentRange!.Length);
        Assert.Equal(HttpStatusCode.PartialContent, suffix.StatusCode);
        Assert.Equal(whole[^50..], await suffix.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(size, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    private static async Task<HttpResponseMessage> GetRangeAsync(HttpClient client, string id, RangeHeaderValue range)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{id}.png");
        request.Headers.Range = range;
        return await client.SendAsync(request);
    }

    private static async Task<(string Id, int Size, byte[] Bytes)> ServedOriginalAsync(PicshelfApp app, byte[] image)
    {
        var client = await app.AnonymousClientAsync();
        var model = await client.UploadAsync(image);
        var id = model.GetProperty("id").GetString()!;
        return (id, model.GetProperty("size").GetInt32(), await client.GetByteArrayAsync($"/{id}.png"));
    }

    [Fact]
    public async Task Delete_RemovesTheOriginalAndEveryThumbnailFromTheBucket()
    {
        await using var app = NewApp();
        var client = await app.AnonymousClientAsync();
        var image = await client.UploadAsync(TestImages.Jpeg());
        var id = image.GetProperty("id").GetString()!;
        foreach (var suffix in "sbtmlh")
        {
            using var thumbnail = await client.GetAsync($"/{id}{suffix}.jpg");
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        }
        Assert.Equal(7, (await app.StoredFilesAsync()).Count(f => Path.GetFileName(f).StartsWith(id, StringComparison.Ordinal)));

        using var deleted = await client.DeleteAsync($"/3/image/{image.GetProperty("deletehash").GetString()}");
        await Envelope.DataAsync(deleted);

        Assert.DoesNotContain(await app.StoredFilesAsync(), f => Path.GetFileName(f).StartsWith(id, StringComparison.Ordinal));
        using var gone = await client.GetAsync($"/{id}.jpg");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task StoreRefusingWrites_Answers503_LeavesNoRowOrStagingFile_AndRecovers()
    {
        await using var app = NewApp();
        var client = await app.AnonymousClientAsync();
        await client.UploadAsync(TestImages.Png());

        await s3.StopAsync();
        using var refused = await client.PostAsync("/3/image", Uploads.Multipart(TestImages.Png(300, 200)));
        Assert.Equal("The service is unavailable: its image store cannot be reached", await Envelope.ErrorAsync(refused, 503));
        Assert.Equal("5", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(1, await app.WithDbAsync(db => db.Images.CountAsync()));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "staging")));
        using var ready = await client.GetAsync("/readyz");
        Assert.Equal("Not ready: blob store unreachable", await Envelope.ErrorAsync(ready, 503));

        await s3.StartAsync();
        var again = await client.UploadAsync(TestImages.Png(300, 200));
        var bytes = await client.GetByteArrayAsync($"/{again.GetProperty("id").GetString()}.png");
        Assert.Equal(again.GetProperty("size").GetInt32(), bytes.Length);
        Assert.Equal(2, await app.WithDbAsync(db => db.Images.CountAsync()));
    }

    [Fact]
    public async Task MissingBucket_Answers503OnUpload_AndReadyzNamesTheBlobStore()
    {
        await using var app = NewApp().With("Storage:S3:Bucket", "no-such-bucket");
        var client = await app.AnonymousClientAsync();

        using var refused = await client.PostAsync("/3/image", Uploads.Multipart(TestImages.Png()));
        using var ready = await client.GetAsync("/readyz");

        Assert.Equal("The service is unavailable: its image store cannot be reached", await Envelope.ErrorAsync(refused, 503));
        Assert.Equal("Not ready: blob store unreachable", await Envelope.ErrorAsync(ready, 503));
        Assert.Equal(0, await app.WithDbAsync(db => db.Images.CountAsync()));
    }

    [Fact]
    public async Task AnS3ProviderWithoutABucket_DoesNotStart()
    {
        await using var app = NewApp().With("Storage:S3:Bucket", "");

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Storage:S3:Bucket", failure.ToString(), StringComparison.Ordinal);
    }
}
