using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Picshelf.Media;

/// <summary>
/// ffmpeg and ffprobe as child processes (<see cref="ExternalTools"/>), one run per file: reading local files only
/// (<c>-protocol_whitelist file</c>, so a crafted input cannot make them open a URL) with the demuxer named
/// (<see cref="VideoContainer"/>), single-threaded (the queue decides how many run at once).
/// </summary>
public sealed class VideoTranscoder(ExternalTools tools, IOptions<TranscodeOptions> options)
{
    /// <summary>Whether an animation of this format gets a looping MP4: GIF and APNG through ffmpeg, WebP through libvips.</summary>
    public static bool Loops(ImageFormat format) => format == ImageFormat.Gif || format == ImageFormat.Png || format == ImageFormat.WebP;

    /// <summary>
    /// Makes the looping MP4 of an animated GIF or APNG: H.264 in yuv420p (what every browser plays) at even dimensions
    /// (yuv420p needs them), no audio track, and the index at the front (<c>+faststart</c>) so playback starts before the
    /// download ends.
    /// </summary>
    public Task LoopOfAnimationAsync(string sourcePath, ImageFormat format, string outputPath, CancellationToken cancellationToken) =>
        RunFfmpegAsync(["-f", format == ImageFormat.Png ? "apng" : "gif", "-i", sourcePath, "-map", "0:v:0", "-an", .. H264, "-f", "mp4", outputPath],
            options.Value.RenditionTimeout, cancellationToken);

    /// <summary>
    /// Makes the looping MP4 of an animation decoded elsewhere (an animated WebP, which this ffmpeg cannot decode), its
    /// frames piped in as raw RGB. The MP4 runs at one frame rate, the one of the shortest delay (at most 50 a second), and
    /// each frame is repeated for as long as its delay; delays under 20 ms count as 100 ms, as browsers show them.
    /// </summary>
    public Task LoopOfFramesAsync(Animation animation, string outputPath, CancellationToken cancellationToken)
    {
        var delays = animation.Delays.Select(d => d < 20 ? 100 : d).ToList();
        var rate = Math.Clamp((int)Math.Round(1000.0 / delays.Min()), 1, 50);
        return tools.RunAsync(options.Value.FfmpegPath, [.. Quiet, "-protocol_whitelist", "pipe", .. FfmpegStart, "-f", "rawvideo", "-pix_fmt", "rgb24",
            "-video_size", $"{animation.Width}x{animation.Height}", "-framerate", rate.ToString(CultureInfo.InvariantCulture), "-i", "pipe:0", "-an", .. H264,
            "-f", "mp4", "-threads", "1", outputPath], options.Value.RenditionTimeout, cancellationToken, async input =>
            {
                using var frames = animation.Frames.GetEnumerator();
                for (var index = 0; NextFrame(frames); index++)
                {
                    for (var shown = Math.Max(1, (int)Math.Round(delays[index] * rate / 1000.0)); shown > 0; shown--)
                    {
                        await input.WriteAsync(frames.Current, cancellationToken);
                    }
                }
            });
    }

    /// <summary>The next frame, decoded now: a frame the decoder fails on fails the run like ffmpeg failing would.</summary>
    private static bool NextFrame(IEnumerator<byte[]> frames)
    {
        try
        {
            return frames.MoveNext();
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            throw new TranscodeFailedException("A frame could not be decoded: " + failure.Message.Split('\n')[0]);
        }
    }

    /// <summary>
    /// Makes the MP4 of an uploaded video: its first video and (unless <paramref name="keepAudio"/> is false) first audio
    /// stream, copied when they already are H.264/AAC and encoded anew otherwise, at most <paramref name="maxDuration"/>
    /// long, without the container's metadata (a phone's MOV carries where it was filmed).
    /// </summary>
    public Task Mp4OfVideoAsync(string sourcePath, VideoContainer container, VideoProbe probe, bool keepAudio, TimeSpan maxDuration,
        string outputPath, CancellationToken cancellationToken)
    {
        string[] audio = !keepAudio || probe.AudioTracks == 0 ? ["-an"]
            : probe.FitsMp4 ? ["-map", "0:a:0", "-c:a", "copy"]
            : ["-map", "0:a:0", "-c:a", "aac", "-b:a", "128k", "-ac", "2"];
        string[] video = probe.FitsMp4 ? ["-c:v", "copy", "-movflags", "+faststart"] : H264;
        return RunFfmpegAsync(["-f", container.Demuxer, "-i", sourcePath, "-map", "0:v:0", .. audio, .. video,
            "-t", maxDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture), "-map_metadata", "-1", "-map_chapters", "-1", "-f", "mp4", outputPath],
            options.Value.RenditionTimeout, cancellationToken);
    }

    /// <summary>The first frame of a video as a JPEG, turned upright as the video plays, for its thumbnails and still links.</summary>
    public Task PosterAsync(string sourcePath, VideoContainer container, string outputPath, CancellationToken cancellationToken) =>
        RunFfmpegAsync(["-f", container.Demuxer, "-i", sourcePath, "-map", "0:v:0", "-frames:v", "1", "-an",
            "-c:v", "mjpeg", "-q:v", "2", "-pix_fmt", "yuvj420p", "-f", "image2", outputPath], options.Value.ProbeTimeout, cancellationToken);

    /// <summary>
    /// Reads every packet of the file (not decoding them), so a file whose index points past its end shows as
    /// <see cref="VideoProbe.Truncated"/>.
    /// </summary>
    /// <exception cref="TranscodeFailedException">ffprobe cannot read the file as <paramref name="container"/>.</exception>
    public async Task<VideoProbe> ProbeAsync(string sourcePath, VideoContainer container, CancellationToken cancellationToken)
    {
        var json = await tools.RunAsync(options.Value.FfprobePath, [.. Quiet, "-protocol_whitelist", "file", "-f", container.Demuxer, "-count_packets", "-of", "json",
            "-show_entries", "format=duration:stream=codec_type,codec_name,pix_fmt,width,height,duration,nb_frames,nb_read_packets", sourcePath],
            options.Value.ProbeTimeout, cancellationToken);
        using var document = JsonDocument.Parse(json);
        var streams = document.RootElement.TryGetProperty("streams", out var list) ? list.EnumerateArray().ToList() : [];
        var videos = streams.Where(s => Text(s, "codec_type") == "video").ToList();
        var audios = streams.Where(s => Text(s, "codec_type") == "audio").ToList();
        var duration = document.RootElement.TryGetProperty("format", out var format) ? Number(format, "duration") : null;
        duration ??= streams.Select(s => Number(s, "duration")).Max();
        // Video only: a PCM track's nb_frames counts samples, not packets.
        var truncated = videos.Any(s => Number(s, "nb_frames") is > 0 and var listed && Number(s, "nb_read_packets") < listed);
        var first = videos.FirstOrDefault();
        var fitsMp4 = videos.Count > 0 && Text(first, "codec_name") == "h264" && Text(first, "pix_fmt") == "yuv420p"
            && (audios.Count == 0 || Text(audios[0], "codec_name") == "aac");
        return new VideoProbe(duration, videos.Count, audios.Count, videos.Count > 0 ? (int)(Number(first, "width") ?? 0) : 0,
            videos.Count > 0 ? (int)(Number(first, "height") ?? 0) : 0, truncated, fitsMp4);
    }

    /// <summary>Encoding options every MP4 made anew shares.</summary>
    private static readonly string[] H264 = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
        "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2", "-movflags", "+faststart"];

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>ffprobe writes most numbers as strings ("3.000000"), widths as numbers; "N/A" is no number.</summary>
    private static double? Number(JsonElement element, string name) =>
        element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : null;

    /// <summary>
    /// One thread for decoding, filters and encoding alike: <c>-threads</c> is an option of each input and each output,
    /// so it is given before the input and again before the output file (the last argument).
    /// </summary>
    private Task<string> RunFfmpegAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        tools.RunAsync(options.Value.FfmpegPath, [.. Quiet, "-protocol_whitelist", "file", "-nostdin", .. FfmpegStart, .. arguments.SkipLast(1), "-threads", "1", arguments[^1]],
            timeout, cancellationToken);

    private static readonly string[] FfmpegStart = ["-y", "-threads", "1", "-filter_threads", "1"];

    /// <summary>Errors only on standard error: its last line is what a failure reports.</summary>
    private static readonly string[] Quiet = ["-hide_banner", "-loglevel", "error"];
}
