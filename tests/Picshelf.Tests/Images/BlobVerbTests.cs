using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Picshelf.Storage;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Images;

/// <summary>The <c>storage copy</c> and <c>gc</c> verbs, run as an operator runs them, against the disk and a real S3 server.</summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class BlobVerbTests : IAsyncLifetime
{
    private readonly S3Server s3 = new();
    private readonly string prefix = $"c{Guid.NewGuid():N}/";

    public Task InitializeAsync() => s3.InitializeAsync();

    public Task DisposeAsync() => s3.DisposeAsync();

    private string[] S3Arguments() => [.. s3.Settings(prefix).Where(s => s.Key != "Storage:Provider").Select(s => $"--{s.Key}={s.Value}")];

    [Fact]
    public async Task StorageCopy_MovesEveryBlobFromDiskToTheBucket_ResumesWhereItStopped_AndTheServerThenServesFromTheBucket()
    {
        await using var onDisk = new PicshelfApp();
        var data = onDisk.DataDirectory;
        var client = await onDisk.AnonymousClientAsync();
        var ids = new List<(string Id, byte[] Bytes, byte[] Thumbnail)>();
        for (var i = 0; i < 3; i++)
        {
            var id = (await client.UploadAsync(TestImages.Jpeg(300 + i, 200))).GetProperty("id").GetString()!;
            ids.Add((id, await client.GetByteArrayAsync($"/{id}.jpg"), await client.GetByteArrayAsync($"/{id}s.jpg")));
        }
        var clientId = PicshelfApp.ClientIdOf(client);

        var copied = (await PicshelfProcess.RunAsync(["storage", "copy", "--from", "filesystem", "--to", "s3", "--data", data, .. S3Arguments()])).Json();
        Assert.Equal(6, copied.GetProperty("total").GetInt32());
        Assert.Equal(6, copied.GetProperty("copied").GetInt32());
        Assert.Equal(0, copied.GetProperty("skipped").GetInt32());

        // A copy cut short left some blobs out: running it again copies only those.
        await using var onBucket = new PicshelfApp().With("Storage:DataDirectory", data).With(s3.Settings(prefix));
        await onBucket.Services.GetRequiredService<IBlobStore>().DeleteAsync($"thumbnails/{ids[1].Id}s", CancellationToken.None);
        var again = await PicshelfProcess.RunAsync(["storage", "copy", "--from", "filesystem", "--to", "s3", "--data", data, .. S3Arguments()]);
        Assert.Equal(1, again.Json().GetProperty("copied").GetInt32());
        Assert.Equal(5, again.Json().GetProperty("skipped").GetInt32());
        Assert.Contains("100% 6/6", again.Stderr, StringComparison.Ordinal);

        // The same database, its blobs now read from the bucket only.
        using var http = onBucket.CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Client-ID", clientId);
        foreach (var (id, bytes, thumbnail) in ids)
        {
            Assert.Equal(bytes, await http.GetByteArrayAsync($"/{id}.jpg"));
            Assert.Equal(thumbnail, await http.GetByteArrayAsync($"/{id}s.jpg"));
        }
    }

    [Fact]
    public async Task StorageCopy_RefusesTheSameStoreOnBothSides()
    {
        var data = Directory.CreateTempSubdirectory("picshelf-copy-").FullName;
        var result = await PicshelfProcess.RunAsync("storage", "copy", "--from", "s3", "--to", "S3", "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the same store", result.Stderr, StringComparison.Ordinal);
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Gc_DeletesOnlyBlobsWithoutAnImage_OlderThanTheGracePeriod()
    {
        await using var app = new PicshelfApp();
        var client = await app.AnonymousClientAsync();
        var kept = (await client.UploadAsync(TestImages.Jpeg())).GetProperty("id").GetString()!;
        await client.GetByteArrayAsync($"/{kept}m.jpg");
        var blobs = app.Services.GetRequiredService<IBlobStore>();
        foreach (var key in new[] { "originals/Orphan1", "thumbnails/Orphan1m", "variants/Orphan1m.webp", "variants/Orphan1.avif", "health/probe-left" })
        {
            await blobs.PutAsync(key, new MemoryStream([1, 2, 3]), CancellationToken.None);
        }

        var young = (await PicshelfProcess.RunAsync("gc", "--data", app.DataDirectory)).Json();
        Assert.Equal(0, young.GetProperty("orphans_deleted").GetInt32());
        Assert.Equal(4, young.GetProperty("orphans_too_recent").GetInt32());

        var collected = (await PicshelfProcess.RunAsync("gc", "--grace", "00:00:00", "--data", app.DataDirectory)).Json();
        Assert.Equal(6, collected.GetProperty("blobs_checked").GetInt32());
        Assert.Equal(1, collected.GetProperty("images_checked").GetInt32());
        Assert.Equal(4, collected.GetProperty("orphans_deleted").GetInt32());
        Assert.Equal(0, collected.GetProperty("images_missing_original").GetInt32());
        Assert.Equal([$"originals/{kept}", $"thumbnails/{kept}m"], (await app.StoredFilesAsync()).Where(f => !f.StartsWith("health/", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task Gc_RefusesAStoreWithBlobsBesideADatabaseWithNoImages_UnlessForced()
    {
        await using var app = new PicshelfApp();
        await app.Services.GetRequiredService<IBlobStore>().PutAsync("originals/Orphan2", new MemoryStream([1]), CancellationToken.None);

        var refused = await PicshelfProcess.RunAsync("gc", "--grace", "00:00:00", "--data", app.DataDirectory);
        var negative = await PicshelfProcess.RunAsync("gc", "--grace", "-00:01:00", "--data", app.DataDirectory);
        var forced = (await PicshelfProcess.RunAsync("gc", "--grace", "00:00:00", "--force", "--data", app.DataDirectory)).Json();

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("gc --force", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, negative.ExitCode);
        Assert.Equal(1, forced.GetProperty("orphans_deleted").GetInt32());
    }
}
