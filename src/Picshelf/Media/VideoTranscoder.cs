using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Picshelf.Media;

/// <summary>
/// ffmpeg as a child process, one run per video: reading local files only (<c>-protocol_whitelist file</c>, so a crafted
/// input cannot make it open a URL), within an address-space limit (<c>prlimit --as</c>), single-threaded (the queue
/// decides how many run at once), and killed with its children at <see cref="TranscodeOptions.RenditionTimeout"/>.
/// </summary>
public sealed class VideoTranscoder(IOptions<TranscodeOptions> options)
{
    /// <summary>
    /// Makes the looping MP4 of an animation: H.264 in yuv420p (what every browser plays) at even dimensions (yuv420p
    /// needs them), no audio track, and the index at the front (<c>+faststart</c>) so playback starts before the download ends.
    /// </summary>
    public Task LoopOfAnimationAsync(string sourcePath, string outputPath, CancellationToken cancellationToken) =>
        RunAsync(["-i", sourcePath, "-map", "0:v:0", "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
            "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2", "-movflags", "+faststart", "-threads", "1", "-f", "mp4", outputPath], cancellationToken);

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new TranscodeFailedException("ffmpeg could not be started");
        }
        catch (System.ComponentModel.Win32Exception failure)
        {
            throw new TranscodeFailedException($"ffmpeg could not be started: {failure.Message}");
        }
    }

    private async Task RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var start = new ProcessStartInfo("prlimit")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[$"--as={settings.RenditionMemoryBytes}", "--", settings.FfmpegPath,
            "-nostdin", "-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file", "-threads", "1", "-filter_threads", "1", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Start(start);
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(settings.RenditionTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TranscodeFailedException($"ffmpeg ran past its time limit of {settings.RenditionTimeout} and was stopped");
        }
        await output;
        if (process.ExitCode != 0)
        {
            var said = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
            throw new TranscodeFailedException($"ffmpeg failed ({process.ExitCode}): {(said.Length > 300 ? said[..300] : said)}");
        }
    }
}
