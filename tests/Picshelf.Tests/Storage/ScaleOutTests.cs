using System.Net;
using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Storage;

/// <summary>
/// Two Picshelf processes on two ports over the same PostgreSQL, S3 and Redis act as one service: what one
/// does the other sees, and killing one loses nothing that was answered.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class ScaleOutTests(SharedBackends backends) : IClassFixture<SharedBackends>, IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("picshelf-scale-").FullName;

    /// <summary>Command-line configuration for the processes of a new installation, with budgets no test reaches and quick view flushes.</summary>
    private async Task<string[]> NewInstallationAsync() =>
    [
        .. (await backends.NewInstallationAsync()).Select(setting => $"--{setting.Key}={setting.Value}"),
        "--RateLimits:CreditsPerDay=100000",
        "--RateLimits:UserCreditsPerHour=100000",
        "--Media:ViewFlushInterval=00:00:00.200",
    ];

    public void Dispose() => Directory.Delete(data, recursive: true);

    /// <summary>Two processes of one new installation, with a client of one application through each.</summary>
    private sealed record TwoProcesses(PicshelfServer A, PicshelfServer B, HttpClient ThroughA, HttpClient ThroughB, string[] Configuration) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            ThroughA.Dispose();
            ThroughB.Dispose();
            await A.DisposeAsync();
            await B.DisposeAsync();
        }
    }

    private async Task<TwoProcesses> TwoProcessesAsync()
    {
        var configuration = await NewInstallationAsync();
        var created = await PicshelfProcess.RunAsync(["clients", "create", "--name", "scale", "--data", Path.Combine(data, "cli"), .. configuration]);
        var clientId = created.Json().GetProperty("client_id").GetString()!;
        var starting = new[] { PicshelfServer.StartAsync(Path.Combine(data, "a"), configuration), PicshelfServer.StartAsync(Path.Combine(data, "b"), configuration) };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            // The one that did start must not outlive the test.
            foreach (var started in starting.Where(s => s.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }
            throw;
        }
        var (a, b) = (starting[0].Result, starting[1].Result);
        return new TwoProcesses(a, b, a.Client(clientId), b.Client(clientId), configuration);
    }

    /// <summary>Polls until the other process shows the change: invalidations travel through Redis, not instantly.</summary>
    private static async Task<JsonElement> EventuallyAsync(HttpClient client, string path, Func<HttpResponseMessage, JsonElement, bool> seen)
    {
        var last = "";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var response = await client.GetAsync(path);
            var body = await Envelope.ReadAsync(response);
            if (seen(response, body))
            {
                return body;
            }
            last = $"{(int)response.StatusCode} {body}";
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"{path} never showed the change; last answer {last}");
    }

    [Fact]
    public async Task AnUploadThroughOne_IsReadEditedAndDeletedThroughTheOther()
    {
        await using var service = await TwoProcessesAsync();
        var (throughA, throughB) = (service.ThroughA, service.ThroughB);

        var image = await throughA.UploadAsync(TestImages.Jpeg(400, 300), ("title", "before"));
        var id = image.GetProperty("id").GetString()!;
        var deleteHash = image.GetProperty("deletehash").GetString()!;
        // Both processes now hold the image in their caches.
        Assert.Equal("before", (await Envelope.DataAsync(await throughA.GetAsync($"/3/image/{id}"))).GetProperty("title").GetString());
        Assert.Equal("before", (await Envelope.DataAsync(await throughB.GetAsync($"/3/image/{id}"))).GetProperty("title").GetString());
        Assert.Equal(image.GetProperty("size").GetInt32(), (await throughB.GetByteArrayAsync($"/{id}.jpg")).Length);
        Assert.Equal(HttpStatusCode.OK, (await throughB.GetAsync($"/{id}m.jpg")).StatusCode);

        using var edit = await throughB.PostAsync($"/3/image/{deleteHash}", new FormUrlEncodedContent([new("title", "after")]));
        await Envelope.DataAsync(edit);
        await EventuallyAsync(throughA, $"/3/image/{id}", (r, body) => r.IsSuccessStatusCode && body.GetProperty("data").GetProperty("title").GetString() == "after");
        // The view counted by B reaches A once B has written its batch.
        await EventuallyAsync(throughA, $"/3/image/{id}", (r, body) => r.IsSuccessStatusCode && body.GetProperty("data").GetProperty("views").GetInt64() == 1);

        using var deleted = await throughA.DeleteAsync($"/3/image/{deleteHash}");
        await Envelope.DataAsync(deleted);
        await EventuallyAsync(throughB, $"/3/image/{id}", (r, _) => r.StatusCode == HttpStatusCode.NotFound);
        using var link = await throughB.GetAsync($"/{id}.jpg");
        Assert.Equal(HttpStatusCode.NotFound, link.StatusCode);
    }

    [Fact]
    public async Task PagesKeptByOne_AreDroppedWhenTheOtherChangesWhatTheyShow()
    {
        await using var service = await TwoProcessesAsync();
        var image = await service.ThroughA.UploadAsync(TestImages.Png(), ("title", "Image before"));
        var (id, imageHash) = (image.GetProperty("id").GetString()!, image.GetProperty("deletehash").GetString()!);
        var (albumId, albumHash) = await service.ThroughA.CreateAlbumAsync(("deletehashes", imageHash), ("title", "Album before"));
        using var reader = new HttpClient { BaseAddress = service.B.BaseAddress };
        foreach (var page in new[] { "/" + id, "/a/" + albumId })
        {
            using (await reader.GetAsync(page))
            {
            }
            using var kept = await reader.GetAsync(page);
            Assert.NotNull(kept.Headers.Age);
        }

        using (var edit = await service.ThroughA.PostAsync($"/3/image/{imageHash}", Forms.Form(("title", "Image after"))))
        {
            await Envelope.DataAsync(edit);
        }
        using (var edit = await service.ThroughA.PutAsync($"/3/album/{albumHash}", Forms.Form(("title", "Album after"))))
        {
            await Envelope.DataAsync(edit);
        }

        await EventuallyShowsAsync(reader, "/" + id, "<h1>Image after</h1>");
        await EventuallyShowsAsync(reader, "/a/" + albumId, "<h1>Album after</h1>");
        await EventuallyShowsAsync(reader, "/a/" + albumId, "<h2>Image after</h2>");
    }

    /// <summary>Polls a page until it holds the text: the other process's announcement travels through Redis.</summary>
    private static async Task EventuallyShowsAsync(HttpClient reader, string path, string text)
    {
        var last = "";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            last = await reader.GetStringAsync(path);
            if (last.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"{path} never showed {text}; last page {last}");
    }

    [Fact]
    public async Task MigrateVerb_RunByTwoProcessesAtOnce_AndAgain_IsSafe()
    {
        var configuration = await NewInstallationAsync();
        string[] migrate = ["migrate", "--data", Path.Combine(data, "cli"), .. configuration];

        var together = await Task.WhenAll(PicshelfProcess.RunAsync(migrate), PicshelfProcess.RunAsync(migrate));
        var again = await PicshelfProcess.RunAsync(migrate);

        Assert.All([.. together, again], result => Assert.True(result.ExitCode == 0 && result.Stdout == "true", result.Stderr));
    }

    [Fact]
    public async Task CreditsChargedOnOne_AreSeenOnTheOther()
    {
        await using var service = await TwoProcessesAsync();
        var (throughA, throughB) = (service.ThroughA, service.ThroughB);
        var before = (await Envelope.DataAsync(await throughB.GetAsync("/3/credits"))).GetProperty("ClientRemaining").GetInt64();

        for (var call = 0; call < 7; call++)
        {
            using var response = await throughA.GetAsync("/3/image/abcdefg");
        }

        var after = (await Envelope.DataAsync(await throughB.GetAsync("/3/credits"))).GetProperty("ClientRemaining").GetInt64();
        Assert.Equal(before - 7, after);
    }

    [Fact]
    public async Task KillingOneProcessDuringFiftyUploads_LosesNoAnsweredUpload_AndGcLeavesNoOrphans()
    {
        await using var service = await TwoProcessesAsync();
        var (throughA, throughB, configuration) = (service.ThroughA, service.ThroughB, service.Configuration);
        var images = Enumerable.Range(0, 50).Select(i => TestImages.Jpeg(600 + i, 400)).ToList();
        var answered = 0;

        async Task<(int Status, JsonElement? Image)> UploadAsync(int index)
        {
            var client = index % 2 == 0 ? throughA : throughB;
            try
            {
                using var response = await client.PostAsync("/3/image", Uploads.Multipart(images[index]));
                var body = await Envelope.ReadAsync(response);
                Interlocked.Increment(ref answered);
                return ((int)response.StatusCode, response.IsSuccessStatusCode ? body.GetProperty("data") : null);
            }
            catch (Exception cut) when (cut is HttpRequestException or TaskCanceledException)
            {
                return (0, null);
            }
        }

        var uploads = Enumerable.Range(0, 50).Select(UploadAsync).ToList();
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref answered) < 10 && waiting.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(10);
        }
        await service.A.KillAsync();
        var results = await Task.WhenAll(uploads);

        var stored = results.Where(r => r.Status == 200).Select(r => r.Image!.Value).ToList();
        Assert.True(stored.Count >= 25, $"only {stored.Count} uploads were answered 200");
        Assert.All(results, r => Assert.True(r.Status is 0 or 200, $"an upload answered {r.Status}"));
        foreach (var image in stored)
        {
            var id = image.GetProperty("id").GetString()!;
            Assert.Equal(image.GetProperty("size").GetInt32(), (await throughB.GetByteArrayAsync($"/{id}.jpg")).Length);
        }

        string[] gc = ["gc", "--grace", "00:00:00", "--data", Path.Combine(data, "cli"), .. configuration];
        var collected = (await PicshelfProcess.RunAsync(gc)).Json();
        Assert.Equal(0, collected.GetProperty("images_missing_original").GetInt32());
        var again = (await PicshelfProcess.RunAsync(gc)).Json();
        Assert.Equal(0, again.GetProperty("orphans_deleted").GetInt32());
        Assert.Equal(0, again.GetProperty("images_missing_original").GetInt32());
        // Uploads cut off after their row was written are kept too; either way rows and originals match one to one.
        var rows = again.GetProperty("images_checked").GetInt32();
        Assert.InRange(rows, stored.Count, 50);
        Assert.Equal(rows, again.GetProperty("blobs_checked").GetInt32());
    }
}
