using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Picshelf.Images;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Images;

/// <summary>
/// An animated GIF gets a looping MP4 made by ffmpeg from the durable queue: the model's <c>mp4</c>, <c>gifv</c>,
/// <c>mp4_size</c>, <c>looping</c> and <c>processing</c>, <c>/{id}.mp4</c> with ranges, and <c>/{id}.gifv</c>'s page.
/// ffmpeg runs under prlimit, on Linux.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class AnimationRenditionTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private static async Task<JsonElement> ImageAsync(HttpClient client, string id) =>
        await Envelope.DataAsync(await client.GetAsync($"/3/image/{id}"));

    [Fact]
    public async Task AnimatedGif_GetsAFastStartH264Mp4_WithoutSound_AndTheModelSaysSo()
    {
        var client = await app.AnonymousClientAsync();
        var uploaded = await client.UploadAsync(TestImages.AnimatedGif(120, 90, frames: 8));
        var id = uploaded.GetProperty("id").GetString()!;
        Assert.Contains(uploaded.GetProperty("processing").GetProperty("status").GetString(), new[] { RenditionStates.Pending, RenditionStates.Completed });
        Assert.Equal($"http://localhost/{id}.gifv", uploaded.GetProperty("gifv").GetString());
        Assert.Equal($"http://localhost/{id}.mp4", uploaded.GetProperty("mp4").GetString());
        Assert.Equal($"http://localhost/{id}.gif", uploaded.GetProperty("link").GetString());
        Assert.True(uploaded.GetProperty("looping").GetBoolean());
        Assert.False(uploaded.GetProperty("has_sound").GetBoolean());

        var image = await Renditions.ProcessedAsync(client, id);

        Assert.Equal(RenditionStates.Completed, image.GetProperty("processing").GetProperty("status").GetString());
        var mp4Size = image.GetProperty("mp4_size").GetInt32();
        using var response = await client.GetAsync($"/{id}.mp4");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType!.MediaType);
        var video = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(mp4Size, video.Length);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(video, 4, 4));
        var text = Encoding.ASCII.GetString(video);
        Assert.True(text.IndexOf("moov", StringComparison.Ordinal) < text.IndexOf("mdat", StringComparison.Ordinal), "the index comes first (faststart)");
        Assert.Equal(["codec_name=h264", "codec_type=video", "height=90", "pix_fmt=yuv420p", "width=120"], await Renditions.FfprobeAsync(video));
    }

    [Fact]
    public async Task AnimatedWebPAndApng_GetLoopingMp4s_ThatShowEachFrameForItsDelay()
    {
        var client = await app.AnonymousClientAsync();
        // 100, 100, 200 and 100 ms: at ten frames a second, the third frame is shown twice.
        var webp = await client.UploadAsync(TestImages.AnimatedWebP(64, 48, 100, 100, 200, 100));
        var apng = await client.UploadAsync(await TestVideos.Apng(frames: 10));

        foreach (var (uploaded, type, frames) in new[] { (webp, "image/webp", 5), (apng, "image/png", 10) })
        {
            var id = uploaded.GetProperty("id").GetString()!;
            Assert.Equal(type, uploaded.GetProperty("type").GetString());
            Assert.True(uploaded.GetProperty("animated").GetBoolean());
            Assert.Equal($"http://localhost/{id}.gifv", uploaded.GetProperty("gifv").GetString());
            Assert.Equal(RenditionStates.Completed, (await Renditions.ProcessedAsync(client, id)).GetProperty("processing").GetProperty("status").GetString());
            var mp4 = await client.GetByteArrayAsync($"/{id}.mp4");
            Assert.Equal(["codec_name=h264", "height=48", $"nb_frames={frames}", "width=64"],
                await Renditions.FfprobeAsync(mp4, "stream=codec_name,width,height,nb_frames"));
        }
    }

    [Fact]
    public async Task Mp4_AnswersRanges_AsVideoPlayersAskForThem()
    {
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.AnimatedGif(64, 48, frames: 6))).GetProperty("id").GetString()!;
        await Renditions.ProcessedAsync(client, id);
        var whole = await client.GetByteArrayAsync($"/{id}.mp4");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{id}.mp4");
        request.Headers.Range = new RangeHeaderValue(100, 199);
        using var part = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(whole[100..200], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(["bytes"], part.Headers.AcceptRanges);
    }

    [Fact]
    public async Task Gifv_IsAPageThatPlaysTheMp4MutedAndLooping_WithTheGifInside()
    {
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.AnimatedGif(), ("title", "<Loop & \"friends\">"))).GetProperty("id").GetString()!;
        await Renditions.ProcessedAsync(client, id);

        using var response = await client.GetAsync($"/{id}.gifv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("media-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<video autoplay loop muted playsinline", page, StringComparison.Ordinal);
        Assert.Contains($"<source src=\"/{id}.mp4\" type=\"video/mp4\">", page, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"/{id}.gif\"", page, StringComparison.Ordinal);
        Assert.Contains("&lt;Loop &amp; &quot;friends&quot;&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<Loop", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StillImages_AndGifsOfOneFrame_HaveNoVideoFields_AndTheirMp4LinkIsTheImage()
    {
        var client = await app.AnonymousClientAsync();
        foreach (var bytes in new[] { TestImages.Jpeg(64, 48), TestImages.AnimatedGif(frames: 1) })
        {
            var image = await client.UploadAsync(bytes);
            foreach (var field in new[] { "mp4", "gifv", "mp4_size", "looping", "has_sound", "processing" })
            {
                Assert.False(image.TryGetProperty(field, out _), field);
            }
            using var mp4 = await client.GetAsync($"/{image.GetProperty("id").GetString()}.mp4");
            Assert.Equal(image.GetProperty("type").GetString(), mp4.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task UntilTheMp4IsMade_Mp4AndGifvAnswerTheGif_ThatNoCacheKeeps()
    {
        await using var idle = new PicshelfApp().With("Media:RenditionWorkers", "0");
        var client = await idle.AnonymousClientAsync();
        var gif = TestImages.AnimatedGif();
        var uploaded = await client.UploadAsync(gif);
        var id = uploaded.GetProperty("id").GetString()!;
        Assert.Equal(RenditionStates.Pending, uploaded.GetProperty("processing").GetProperty("status").GetString());
        Assert.Equal(0, uploaded.GetProperty("mp4_size").GetInt32());

        foreach (var extension in new[] { "mp4", "gifv" })
        {
            using var response = await client.GetAsync($"/{id}.{extension}");
            Assert.Equal("image/gif", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        }
        Assert.Equal(1, await idle.WithDbAsync(db => db.RenditionJobs.CountAsync(j => j.ImageId == id)));
    }

    [Fact]
    public async Task DeletingAnAnimation_RemovesItsMp4_AndItsQueuedJob()
    {
        var client = await app.AnonymousClientAsync();
        var done = await client.UploadAsync(TestImages.AnimatedGif());
        var doneId = done.GetProperty("id").GetString()!;
        await Renditions.ProcessedAsync(client, doneId);
        Assert.Contains($"renditions/{doneId}.mp4", await app.StoredFilesAsync());

        using (await client.DeleteAsync($"/3/image/{done.GetProperty("deletehash").GetString()}"))
        {
        }

        Assert.DoesNotContain(await app.StoredFilesAsync(), key => key.Contains(doneId, StringComparison.Ordinal));

        await using var idle = new PicshelfApp().With("Media:RenditionWorkers", "0");
        var idleClient = await idle.AnonymousClientAsync();
        var queued = await idleClient.UploadAsync(TestImages.AnimatedGif());
        var queuedId = queued.GetProperty("id").GetString()!;
        using (await idleClient.DeleteAsync($"/3/image/{queued.GetProperty("deletehash").GetString()}"))
        {
        }
        Assert.Equal(0, await idle.WithDbAsync(db => db.RenditionJobs.CountAsync(j => j.ImageId == queuedId)));
    }

    [Fact]
    public async Task AJobHeldByAProcessThatStopped_IsTakenAgainWhenItsLeaseRunsOut()
    {
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.AnimatedGif())).GetProperty("id").GetString()!;
        await Renditions.ProcessedAsync(client, id);
        // As a process that took the job and died would leave it: held for two more seconds, the image still pending.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await app.WithDbAsync(async db =>
        {
            await db.Images.Where(i => i.Id == id).ExecuteUpdateAsync(set => set.SetProperty(i => i.Processing, RenditionStates.Pending).SetProperty(i => i.Mp4Size, 0));
            db.RenditionJobs.Add(new RenditionJob { ImageId = id, Attempts = 1, LeaseOwner = "a stopped process", LeaseUntil = now + 2, CreatedAt = now });
            return await db.SaveChangesAsync();
        });
        app.Services.GetRequiredService<ImageDirectory>().Forget(id);

        Assert.Equal(RenditionStates.Pending, (await ImageAsync(client, id)).GetProperty("processing").GetProperty("status").GetString());
        var image = await Renditions.ProcessedAsync(client, id);

        Assert.Equal(RenditionStates.Completed, image.GetProperty("processing").GetProperty("status").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.RenditionJobs.CountAsync(j => j.ImageId == id)));
    }

    [Fact]
    public async Task AnimationsUploadedBeforeTheUpgrade_AreQueued_AndStillImagesAreNot()
    {
        await using var upgraded = new PicshelfApp().With("Media:RenditionWorkers", "0");
        var (gif, webp, png, now) = (global::Picshelf.Api.IdGenerator.NewId(), global::Picshelf.Api.IdGenerator.NewId(), global::Picshelf.Api.IdGenerator.NewId(),
            DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await using (var db = upgraded.OpenDatabaseBeforeStart())
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>()
                .MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_AnimationRenditions", StringComparison.Ordinal)) - 1]);
            db.Clients.Add(new global::Picshelf.OAuth.Client { Id = "0123456789abcde", SecretHash = "-", Name = "Before the upgrade", CreatedAt = now });
            await db.SaveChangesAsync();
            await OlderSchema.InsertImageAsync(db, gif, null, "0123456789abcde", "image/gif", animated: true, now);
            await OlderSchema.InsertImageAsync(db, webp, null, "0123456789abcde", "image/webp", animated: true, now);
            await OlderSchema.InsertImageAsync(db, png, null, "0123456789abcde", "image/png", animated: false, now);
        }
        await upgraded.AnonymousClientAsync();

        var images = await upgraded.WithDbAsync(db => db.Images.Where(i => i.Id == gif || i.Id == webp || i.Id == png).ToDictionaryAsync(i => i.Id, i => i.Processing));
        Assert.Equal(RenditionStates.Pending, images[gif]);
        Assert.Equal(RenditionStates.Pending, images[webp]);
        Assert.Null(images[png]);
        var jobs = await upgraded.WithDbAsync(db => db.RenditionJobs.ToDictionaryAsync(j => j.ImageId, j => j.Kind));
        Assert.Equal(new Dictionary<string, string> { [gif] = RenditionKinds.Animation, [webp] = RenditionKinds.Animation }, jobs);
    }

    [Fact]
    public async Task WithoutFfmpeg_TheGifFailsItsRuns_AndStaysAGif()
    {
        await using var without = new PicshelfApp().With("Media:FfmpegPath", "/nonexistent/ffmpeg").With("Media:RenditionAttempts", "2")
            .With("Media:RenditionRetryDelay", "00:00:00");
        var client = await without.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.AnimatedGif())).GetProperty("id").GetString()!;

        Assert.Equal(RenditionStates.Failed, (await Renditions.ProcessedAsync(client, id)).GetProperty("processing").GetProperty("status").GetString());
        using var gif = await client.GetAsync($"/{id}.gifv");
        Assert.Equal("image/gif", gif.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", gif.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task AnFfmpegThatHangs_IsStoppedAtItsTimeLimit_TheImageFails_AndTheQueueGoesOn()
    {
        using var ffmpeg = await ToolScript.CreateAsync("ffmpeg", script => $"if [ -e '{script.Switch}' ]; then sleep 60; fi\nexec ffmpeg \"$@\"", switchedOn: true);
        await using var limited = new PicshelfApp().With("Media:FfmpegPath", ffmpeg.Path).With("Media:RenditionTimeout", "00:00:01")
            .With("Media:RenditionAttempts", "2").With("Media:RenditionRetryDelay", "00:00:00");
        var client = await limited.AnonymousClientAsync();
        var hung = (await client.UploadAsync(TestImages.AnimatedGif())).GetProperty("id").GetString()!;

        var failed = await Renditions.ProcessedAsync(client, hung);

        Assert.Equal(RenditionStates.Failed, failed.GetProperty("processing").GetProperty("status").GetString());
        Assert.Equal(0, failed.GetProperty("mp4_size").GetInt32());
        using (var gif = await client.GetAsync($"/{hung}.mp4"))
        {
            Assert.Equal("image/gif", gif.Content.Headers.ContentType!.MediaType);
        }
        Assert.Equal(0, await limited.WithDbAsync(db => db.RenditionJobs.CountAsync()));
        Assert.DoesNotContain(await limited.StoredFilesAsync(), key => key.StartsWith("renditions/", StringComparison.Ordinal));

        ffmpeg.SwitchOff();
        var next = (await client.UploadAsync(TestImages.AnimatedGif())).GetProperty("id").GetString()!;
        Assert.Equal(RenditionStates.Completed, (await Renditions.ProcessedAsync(client, next)).GetProperty("processing").GetProperty("status").GetString());
    }
}
