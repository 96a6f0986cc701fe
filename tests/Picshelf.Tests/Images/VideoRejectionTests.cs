using System.Net.Http.Headers;
using System.Runtime.Versioning;
using Microsoft.EntityFrameworkCore;
using Picshelf.Images;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Images;

/// <summary>
/// A video the server cannot take is refused at upload with a clear envelope, leaving no row, job or blob, and the queue
/// keeps working. The limits here are small so the videos can be: 150 KB and 3 seconds.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class VideoRejectionTests(VideoRejectionTests.SmallVideoLimitsApp app) : IClassFixture<VideoRejectionTests.SmallVideoLimitsApp>
{
    public sealed class SmallVideoLimitsApp : PicshelfApp
    {
        public SmallVideoLimitsApp()
        {
            With("Uploads:MaxVideoBytes", "150000");
            With("Uploads:MaxVideoDuration", "00:00:03");
        }
    }

    public static TheoryData<string, string, int, string> BadVideos => new()
    {
        { "claims to be an MP4 but is not", "fake", 400, "The video cannot be read" },
        { "empty", "empty", 400, "No image data was sent to the upload api" },
        { "over the byte limit", "large", 413, "File is over the size limit" },
        { "longer than the limit", "long", 400, "The video is 4 seconds long; the longest this server takes is 3 seconds" },
        { "ten audio tracks", "tracks", 400, "The video has 10 audio tracks; the most this server takes is 4" },
        { "its index points past its end", "truncated", 400, "The video is cut short: its index lists frames past the end of the file" },
        { "sound alone", "sound", 400, "The file has no video track" },
    };

    private static async Task<byte[]> VideoAsync(string kind) => kind switch
    {
        // An ISO file type box naming MP4 brands, then noise.
        "fake" => [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomavc1"u8, .. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7919 >> 3))],
        "empty" => [],
        "large" => await TestVideos.Mp4(seconds: 3, width: 640, height: 480),
        "long" => await TestVideos.Mp4(seconds: 4, sound: false),
        "tracks" => await TestVideos.Mp4WithAudioTracks(10),
        "truncated" => (await TestVideos.Mp4(seconds: 3))[..^20000],
        "sound" => await TestVideos.SoundOnly(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static MultipartFormDataContent Form(byte[] video)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(video);
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        content.Add(file, "video", "clip.mp4");
        return content;
    }

    [Theory]
    [MemberData(nameof(BadVideos))]
    public async Task AVideo_ThatIsBad_IsRefusedWithItsReason_LeavingNothing_AndTheQueueGoesOn(string why, string kind, int status, string message)
    {
        Assert.NotEmpty(why);
        var client = await app.AnonymousClientAsync();
        var video = await VideoAsync(kind);
        var (rows, files) = (await app.WithDbAsync(db => db.Images.CountAsync()), await app.StoredFilesAsync());

        using var response = await client.PostAsync("/3/upload", Form(video));

        Assert.StartsWith(message, await Envelope.ErrorAsync(response, status), StringComparison.Ordinal);
        Assert.Equal(rows, await app.WithDbAsync(db => db.Images.CountAsync()));
        Assert.Empty((await app.StoredFilesAsync()).Except(files));
        using var good = await client.PostAsync("/3/upload", Form(await TestVideos.Mp4(seconds: 1)));
        var id = (await Envelope.DataAsync(good)).GetProperty("id").GetString()!;
        Assert.Equal(RenditionStates.Completed, (await Renditions.ProcessedAsync(client, id)).GetProperty("processing").GetProperty("status").GetString());
    }

    [Fact]
    public async Task WithoutFfmpeg_AVideoIsRefusedAsATypeThisServerCannotTake()
    {
        await using var without = new PicshelfApp().With("Media:FfprobePath", "/nonexistent/ffprobe");
        var client = await without.AnonymousClientAsync();

        using var response = await client.PostAsync("/3/upload", Form(await TestVideos.Mp4()));

        Assert.Equal("Video uploads are not supported by this server: ffmpeg is not installed", await Envelope.ErrorAsync(response, 415));
        Assert.Empty(await without.WithDbAsync(db => db.Images.ToListAsync()));
    }

    [Fact]
    public async Task AnFfprobeThatHangsOnAnUpload_IsStoppedAtItsTimeLimit_AndTheUploadRefused()
    {
        using var ffprobe = await ToolScript.CreateAsync("ffprobe", _ => "sleep 60");
        await using var hanging = new PicshelfApp().With("Media:FfprobePath", ffprobe.Path).With("Media:ProbeTimeout", "00:00:01");
        var client = await hanging.AnonymousClientAsync();

        using var response = await client.PostAsync("/3/upload", Form(await TestVideos.Mp4()));

        Assert.Equal("The video cannot be read: ffprobe ran past its time limit of 00:00:01 and was stopped", await Envelope.ErrorAsync(response, 400));
        Assert.Empty(await hanging.WithDbAsync(db => db.Images.ToListAsync()));
        Assert.DoesNotContain(await hanging.StoredFilesAsync(), key => !key.StartsWith("health/", StringComparison.Ordinal));
    }
}
