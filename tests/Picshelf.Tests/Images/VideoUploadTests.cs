using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Picshelf.Images;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Images;

/// <summary>
/// Videos uploaded through <c>video</c>, or as the bytes of <c>image</c>, become H.264/AAC MP4s made by ffmpeg from the
/// durable queue, with a poster frame for their thumbnails and still links (docs/imgur-compatibility.md §7.4, §9.4).
/// ffmpeg runs under prlimit, on Linux.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class VideoUploadTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    /// <summary>A multipart upload with the file in the field given, as node-imgur sends a video (<c>video</c>, <c>type=stream</c>).</summary>
    private static MultipartFormDataContent Form(byte[] video, string field, string fileName, params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(video);
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        content.Add(file, field, fileName);
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        return content;
    }

    private static async Task<JsonElement> UploadVideoAsync(HttpClient client, byte[] video, params (string Name, string Value)[] fields)
    {
        using var response = await client.PostAsync("/3/upload", Form(video, "video", "clip.mp4", [("type", "file"), .. fields]));
        return await Envelope.DataAsync(response);
    }

    [Fact]
    public async Task Mp4_SentAsVideo_BecomesAFastStartH264AacMp4_AndTheModelSaysWhatItIs()
    {
        var client = await app.AnonymousClientAsync();

        var uploaded = await UploadVideoAsync(client, await TestVideos.Mp4(width: 160, height: 120));

        var id = uploaded.GetProperty("id").GetString()!;
        Assert.Equal("video/mp4", uploaded.GetProperty("type").GetString());
        Assert.Equal($"http://localhost/{id}.mp4", uploaded.GetProperty("link").GetString());
        Assert.Equal($"http://localhost/{id}.mp4", uploaded.GetProperty("mp4").GetString());
        Assert.Equal($"http://localhost/{id}.gifv", uploaded.GetProperty("gifv").GetString());
        Assert.True(uploaded.GetProperty("animated").GetBoolean());
        Assert.True(uploaded.GetProperty("has_sound").GetBoolean());
        Assert.Equal((160, 120), (uploaded.GetProperty("width").GetInt32(), uploaded.GetProperty("height").GetInt32()));
        Assert.Contains(uploaded.GetProperty("processing").GetProperty("status").GetString(), new[] { RenditionStates.Pending, RenditionStates.Completed });

        var image = await Renditions.ProcessedAsync(client, id);

        Assert.Equal(RenditionStates.Completed, image.GetProperty("processing").GetProperty("status").GetString());
        using var response = await client.GetAsync($"/{id}.mp4");
        Assert.Equal("video/mp4", response.Content.Headers.ContentType!.MediaType);
        var mp4 = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(mp4.Length, image.GetProperty("mp4_size").GetInt32());
        Assert.Equal(mp4.Length, image.GetProperty("size").GetInt32());
        var text = Encoding.ASCII.GetString(mp4);
        Assert.True(text.IndexOf("moov", StringComparison.Ordinal) < text.IndexOf("mdat", StringComparison.Ordinal), "the index comes first (faststart)");
        Assert.Equal(["codec_name=aac", "codec_name=h264", "codec_type=audio", "codec_type=video", "height=120", "pix_fmt=yuv420p", "width=160"],
            await Renditions.FfprobeAsync(mp4, "stream=codec_type,codec_name,pix_fmt,width,height"));
    }

    [Fact]
    public async Task AVideosStillLinksAndThumbnails_AreJpegsOfItsFirstFrame_AndItsSourceGoesOnceTheMp4IsMade()
    {
        var client = await app.AnonymousClientAsync();
        var id = (await UploadVideoAsync(client, await TestVideos.Mp4())).GetProperty("id").GetString()!;
        await Renditions.ProcessedAsync(client, id);

        foreach (var (link, width) in new[] { ($"/{id}.jpg", 160), ($"/{id}m.jpg", 160), ($"/{id}s.jpg", 90) })
        {
            using var still = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);
            Assert.Equal("image/jpeg", still.Content.Headers.ContentType!.MediaType);
            using var picture = NetVips.Image.NewFromBuffer(await still.Content.ReadAsByteArrayAsync());
            Assert.Equal(width, picture.Width);
        }
        var stored = await app.StoredFilesAsync();
        Assert.Contains($"originals/{id}", stored);
        Assert.Contains($"renditions/{id}.mp4", stored);
        Assert.DoesNotContain($"sources/{id}", stored);
    }

    [Fact]
    public async Task AWebmSentAsImage_AndAMovSentAsABareBody_AreEncodedAnewAsH264()
    {
        var client = await app.AnonymousClientAsync();
        using var webmResponse = await client.PostAsync("/3/image", Uploads.Multipart(await TestVideos.WebM(), "clip.webm"));
        var webm = await Envelope.DataAsync(webmResponse);
        using var body = new ByteArrayContent(await TestVideos.MovWithLocation());
        body.Headers.ContentType = new MediaTypeHeaderValue("video/quicktime");
        using var movResponse = await client.PostAsync("/3/upload?type=stream", body);
        var mov = await Envelope.DataAsync(movResponse);

        foreach (var uploaded in new[] { webm, mov })
        {
            var id = uploaded.GetProperty("id").GetString()!;
            Assert.Equal("video/mp4", uploaded.GetProperty("type").GetString());
            Assert.Equal(RenditionStates.Completed, (await Renditions.ProcessedAsync(client, id)).GetProperty("processing").GetProperty("status").GetString());
            var streams = await Renditions.FfprobeAsync(await client.GetByteArrayAsync($"/{id}.mp4"), "stream=codec_type,codec_name");
            Assert.Equal(["codec_name=aac", "codec_name=h264", "codec_type=audio", "codec_type=video"], streams);
        }
    }

    [Fact]
    public async Task TheMp4KeepsNoneOfTheContainersMetadata_NotEvenWhereItWasFilmed()
    {
        var client = await app.AnonymousClientAsync();
        var source = await TestVideos.MovWithLocation();
        Assert.Contains("+48.8584", Encoding.ASCII.GetString(source), StringComparison.Ordinal);
        var id = (await UploadVideoAsync(client, source)).GetProperty("id").GetString()!;
        await Renditions.ProcessedAsync(client, id);

        var mp4 = await client.GetByteArrayAsync($"/{id}.mp4");

        var text = Encoding.ASCII.GetString(mp4);
        Assert.DoesNotContain("+48.8584", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret place", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisableAudio_LeavesTheMp4Silent()
    {
        var client = await app.AnonymousClientAsync();

        var uploaded = await UploadVideoAsync(client, await TestVideos.Mp4(), ("disable_audio", "1"));

        Assert.False(uploaded.GetProperty("has_sound").GetBoolean());
        var id = uploaded.GetProperty("id").GetString()!;
        await Renditions.ProcessedAsync(client, id);
        Assert.Equal(["codec_type=video"], await Renditions.FfprobeAsync(await client.GetByteArrayAsync($"/{id}.mp4"), "stream=codec_type"));
    }

    [Fact]
    public async Task AVideoWithoutSound_HasNoSound_AndItsGifvPageOffersNoControls()
    {
        var client = await app.AnonymousClientAsync();
        var silent = await UploadVideoAsync(client, await TestVideos.Mp4(sound: false));
        var loud = await UploadVideoAsync(client, await TestVideos.Mp4());
        Assert.False(silent.GetProperty("has_sound").GetBoolean());

        foreach (var (uploaded, controls) in new[] { (silent, false), (loud, true) })
        {
            var id = uploaded.GetProperty("id").GetString()!;
            await Renditions.ProcessedAsync(client, id);
            var page = await client.GetStringAsync($"/{id}.gifv");
            Assert.Contains($"<source src=\"/{id}.mp4\" type=\"video/mp4\">", page, StringComparison.Ordinal);
            Assert.Contains($"<img src=\"/{id}.jpg\"", page, StringComparison.Ordinal);
            Assert.Equal(controls, page.Contains(" controls", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task UntilItsMp4IsMade_AVideosMp4LinkAnswersItsPosterFrame_ThatNoCacheKeeps_AndDeletingItRemovesItsSource()
    {
        await using var idle = new PicshelfApp().With("Media:RenditionWorkers", "0");
        var client = await idle.AnonymousClientAsync();
        var uploaded = await UploadVideoAsync(client, await TestVideos.Mp4());
        var id = uploaded.GetProperty("id").GetString()!;
        Assert.Equal(RenditionStates.Pending, uploaded.GetProperty("processing").GetProperty("status").GetString());
        Assert.Equal(0, uploaded.GetProperty("mp4_size").GetInt32());
        Assert.Contains($"sources/{id}", await idle.StoredFilesAsync());

        using (var mp4 = await client.GetAsync($"/{id}.mp4"))
        {
            Assert.Equal("image/jpeg", mp4.Content.Headers.ContentType!.MediaType);
            Assert.Equal("no-cache", mp4.Headers.CacheControl!.ToString());
        }

        using (await client.DeleteAsync($"/3/image/{uploaded.GetProperty("deletehash").GetString()}"))
        {
        }
        Assert.DoesNotContain(await idle.StoredFilesAsync(), key => key.Contains(id, StringComparison.Ordinal));
        Assert.Equal(0, await idle.WithDbAsync(db => db.RenditionJobs.CountAsync()));
    }

    [Fact]
    public async Task AVideoFfmpegCannotEncode_IsMarkedFailed_ItsSourceGoes_AndTheQueueGoesOn()
    {
        // Reads the upload's poster frame as ffmpeg would, and crashes as a crafted input might make it, but only while making MP4s.
        using var ffmpeg = await ToolScript.CreateAsync("ffmpeg",
            script => $"case \"$*\" in *\" mp4 \"*) if [ -e '{script.Switch}' ]; then kill -SEGV $$; fi;; esac\nexec ffmpeg \"$@\"", switchedOn: true);
        await using var crashing = new PicshelfApp().With("Media:FfmpegPath", ffmpeg.Path).With("Media:RenditionAttempts", "2")
            .With("Media:RenditionRetryDelay", "00:00:00");
        var client = await crashing.AnonymousClientAsync();
        var id = (await UploadVideoAsync(client, await TestVideos.Mp4())).GetProperty("id").GetString()!;

        var failed = await Renditions.ProcessedAsync(client, id);

        Assert.Equal(RenditionStates.Failed, failed.GetProperty("processing").GetProperty("status").GetString());
        Assert.Equal(0, failed.GetProperty("mp4_size").GetInt32());
        var stored = await crashing.StoredFilesAsync();
        Assert.DoesNotContain($"sources/{id}", stored);
        Assert.DoesNotContain($"renditions/{id}.mp4", stored);
        Assert.Equal(0, await crashing.WithDbAsync(db => db.RenditionJobs.CountAsync()));

        ffmpeg.SwitchOff();
        var next = (await UploadVideoAsync(client, await TestVideos.Mp4())).GetProperty("id").GetString()!;
        Assert.Equal(RenditionStates.Completed, (await Renditions.ProcessedAsync(client, next)).GetProperty("processing").GetProperty("status").GetString());
    }
}
