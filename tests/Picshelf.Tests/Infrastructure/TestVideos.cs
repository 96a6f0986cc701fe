using System.Collections.Concurrent;

namespace Picshelf.Tests.Infrastructure;

/// <summary>Small videos made by the machine's ffmpeg from its test sources, once per test run each.</summary>
public static class TestVideos
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> Made = new(StringComparer.Ordinal);

    /// <summary>An H.264/AAC MP4 with its index first, as a phone or browser records one.</summary>
    public static Task<byte[]> Mp4(int seconds = 2, int width = 160, int height = 120, bool sound = true) =>
        MakeAsync("mp4", [.. Picture(seconds, width, height), .. sound ? Tone(seconds) : [], "-c:v", "libx264", "-pix_fmt", "yuv420p",
            .. sound ? (string[])["-c:a", "aac"] : [], "-movflags", "+faststart", "-f", "mp4"]);

    /// <summary>A VP9/Opus WebM, which the MP4 has to be encoded anew from.</summary>
    public static Task<byte[]> WebM(int seconds = 2) =>
        MakeAsync("webm", [.. Picture(seconds, 160, 120), .. Tone(seconds), "-c:v", "libvpx-vp9", "-deadline", "realtime", "-c:a", "libopus", "-f", "webm"]);

    /// <summary>A MOV in MPEG-4 part 2 with PCM sound and the place it was filmed, as older cameras write them.</summary>
    public static Task<byte[]> MovWithLocation(int seconds = 2) =>
        MakeAsync("mov", [.. Picture(seconds, 160, 120), .. Tone(seconds), "-c:v", "mpeg4", "-c:a", "pcm_s16le",
            "-metadata", "location=+48.8584+002.2945/", "-metadata", "title=Secret place", "-f", "mov"]);

    /// <summary>A video with <paramref name="tracks"/> audio tracks.</summary>
    public static Task<byte[]> Mp4WithAudioTracks(int tracks) =>
        MakeAsync($"tracks{tracks}", [.. Picture(1, 64, 48), .. Enumerable.Range(0, tracks).SelectMany(_ => Tone(1)), "-map", "0:v",
            .. Enumerable.Range(1, tracks).SelectMany(i => (string[])["-map", $"{i}:a"]), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac",
            "-movflags", "+faststart", "-f", "mp4"]);

    /// <summary>An animated PNG of <paramref name="frames"/> frames at 10 a second, looping for ever.</summary>
    public static Task<byte[]> Apng(int frames = 10) =>
        MakeAsync("apng", ["-f", "lavfi", "-i", $"testsrc2=size=64x48:rate=10,trim=end_frame={frames}", "-plays", "0", "-f", "apng"]);

    /// <summary>Sound alone in an MP4 container (an .m4a).</summary>
    public static Task<byte[]> SoundOnly() => MakeAsync("m4a", [.. Tone(1), "-c:a", "aac", "-f", "mp4"]);

    private static string[] Picture(int seconds, int width, int height) =>
        ["-f", "lavfi", "-i", $"testsrc2=duration={seconds}:size={width}x{height}:rate=25"];

    private static string[] Tone(int seconds) => ["-f", "lavfi", "-i", $"sine=duration={seconds}"];

    private static Task<byte[]> MakeAsync(string name, string[] arguments) =>
        Made.GetOrAdd(name + string.Join(' ', arguments), _ => new Lazy<Task<byte[]>>(() =>
            ToolMade.MakeAsync("ffmpeg", null, ("", ""), (_, output) => ["-nostdin", "-v", "error", "-y", .. arguments, output]))).Value;
}
