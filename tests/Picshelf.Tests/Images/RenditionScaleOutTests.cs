using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Picshelf.Data;
using Picshelf.Images;
using Picshelf.OAuth;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Images;

/// <summary>
/// The queue of MP4s to make (animations' and videos') is shared by every process on one PostgreSQL: a job queued by one
/// process may be done by another, and each job runs once however many processes look for work.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
[SupportedOSPlatform("linux")]
public sealed class RenditionScaleOutTests(SharedBackends backends) : IClassFixture<SharedBackends>, IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("picshelf-rendition-scale-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    private static async Task<string> StatusAsync(HttpClient client, string id)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = (await Envelope.DataAsync(await client.GetAsync($"/3/image/{id}"))).GetProperty("processing").GetProperty("status").GetString()!;
            if (status != RenditionStates.Pending || clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                return status;
            }
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task JobsQueuedThroughOneProcess_AreDoneByTheOther_AndEachRunsOnce()
    {
        var settings = await backends.NewInstallationAsync();
        // Every ffmpeg run of either process leaves a line here.
        var runs = Path.Combine(data, "runs");
        var ffmpeg = Path.Combine(data, "ffmpeg");
        await File.WriteAllTextAsync(ffmpeg, $"#!/bin/sh\necho run >> '{runs}'\nexec ffmpeg \"$@\"\n");
        File.SetUnixFileMode(ffmpeg, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string[] common = [.. settings.Select(s => $"--{s.Key}={s.Value}"), "--RateLimits:Enabled=false", $"--Media:FfmpegPath={ffmpeg}",
            "--Media:RenditionPollInterval=00:00:00.2"];
        var setup = Host.CreateApplicationBuilder();
        setup.Configuration.AddInMemoryCollection([.. settings, new("Storage:DataDirectory", Path.Combine(data, "setup"))]);
        setup.Services.AddPicshelf(setup.Configuration);
        using var host = setup.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PicshelfDb>().Database.MigrateAsync();
        var clientId = (await scope.ServiceProvider.GetRequiredService<ClientRegistration>().CreateAsync(new ClientDetails("renditions", null), null, CancellationToken.None)).ClientId;

        // A makes no MP4s: what it queues can only be done by B.
        await using (var a = await PicshelfServer.StartAsync(Path.Combine(data, "a"), [.. common, "--Media:RenditionWorkers=0"]))
        await using (var b = await PicshelfServer.StartAsync(Path.Combine(data, "b"), [.. common, "--Media:RenditionWorkers=1"]))
        {
            using var viaA = a.Client(clientId);
            var gif = (await viaA.UploadAsync(TestImages.AnimatedGif())).GetProperty("id").GetString()!;
            // A video's poster frame is read by the process that takes the upload: one run on A, its MP4 one on B.
            var video = (await viaA.UploadAsync(await TestVideos.Mp4(sound: false))).GetProperty("id").GetString()!;

            foreach (var id in new[] { gif, video })
            {
                Assert.Equal(RenditionStates.Completed, await StatusAsync(viaA, id));
                using var mp4 = await viaA.GetAsync($"/{id}.mp4");
                Assert.Equal(HttpStatusCode.OK, mp4.StatusCode);
                Assert.Equal("video/mp4", mp4.Content.Headers.ContentType!.MediaType);
            }
        }
        Assert.Equal(3, (await File.ReadAllLinesAsync(runs)).Length);

        // Both look for work, two workers each, while uploads arrive through both.
        await using (var c = await PicshelfServer.StartAsync(Path.Combine(data, "c"), [.. common, "--Media:RenditionWorkers=2"]))
        await using (var d = await PicshelfServer.StartAsync(Path.Combine(data, "d"), [.. common, "--Media:RenditionWorkers=2"]))
        {
            using var viaC = c.Client(clientId);
            using var viaD = d.Client(clientId);
            var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(async n =>
                (await (n % 2 == 0 ? viaC : viaD).UploadAsync(TestImages.AnimatedGif(40 + n * 2, 30))).GetProperty("id").GetString()!));

            foreach (var (id, n) in ids.Select((id, n) => (id, n)))
            {
                Assert.Equal(RenditionStates.Completed, await StatusAsync(n % 2 == 0 ? viaD : viaC, id));
            }
        }
        Assert.Equal(11, (await File.ReadAllLinesAsync(runs)).Length);
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PicshelfDb>().RenditionJobs.CountAsync());
    }
}
