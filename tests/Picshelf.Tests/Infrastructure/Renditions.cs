using System.Diagnostics;
using System.Text.Json;
using Picshelf.Images;

namespace Picshelf.Tests.Infrastructure;

/// <summary>Waiting for an image's MP4 and reading what ffprobe says of the MP4 made.</summary>
public static class Renditions
{
    /// <summary>Reads the image until its processing status is no longer <c>pending</c> (60 s at most).</summary>
    public static async Task<JsonElement> ProcessedAsync(HttpClient client, string id)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var image = await Envelope.DataAsync(await client.GetAsync($"/3/image/{id}"));
            if (image.GetProperty("processing").GetProperty("status").GetString() != RenditionStates.Pending || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                return image;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The <paramref name="entries"/> ffprobe reads from the file, one <c>key=value</c> a line, sorted (by default every
    /// stream's codec, type, size and pixel format).
    /// </summary>
    public static async Task<string[]> FfprobeAsync(byte[] video, string entries = "stream=codec_type,codec_name,pix_fmt,width,height")
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, video);
        try
        {
            var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in (string[])["-v", "error", "-show_entries", entries, "-of", "default=noprint_wrappers=1", file])
            {
                start.ArgumentList.Add(argument);
            }
            using var probe = Process.Start(start)!;
            var output = await probe.StandardOutput.ReadToEndAsync();
            await probe.WaitForExitAsync();
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];
        }
        finally
        {
            File.Delete(file);
        }
    }
}
