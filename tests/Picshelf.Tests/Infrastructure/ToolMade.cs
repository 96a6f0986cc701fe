using System.Diagnostics;

namespace Picshelf.Tests.Infrastructure;

/// <summary>Test files made by the machine's own tools (ffmpeg, heif-enc, cjxl), as users' devices make them.</summary>
public static class ToolMade
{
    /// <summary>Runs <paramref name="program"/> on <paramref name="input"/> (written to a file first, when given) and returns what it wrote.</summary>
    /// <param name="extensions">The input's and the output's suffixes, for tools that tell formats by them.</param>
    /// <param name="arguments">The arguments, given the input's and the output's paths.</param>
    public static async Task<byte[]> MakeAsync(string program, byte[]? input, (string Input, string Output) extensions, Func<string, string, string[]> arguments)
    {
        var stem = Path.Combine(Path.GetTempPath(), "picshelf-made-" + Guid.NewGuid().ToString("N"));
        var (inputPath, outputPath) = (stem + "-in" + extensions.Input, stem + "-out" + extensions.Output);
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments(inputPath, outputPath))
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            if (input is not null)
            {
                await File.WriteAllBytesAsync(inputPath, input);
            }
            using var tool = Process.Start(start)!;
            var output = tool.StandardOutput.ReadToEndAsync();
            var errors = tool.StandardError.ReadToEndAsync();
            await tool.WaitForExitAsync();
            await output;
            return tool.ExitCode == 0 ? await File.ReadAllBytesAsync(outputPath) : throw new InvalidOperationException($"{program}: {await errors}");
        }
        finally
        {
            File.Delete(inputPath);
            File.Delete(outputPath);
        }
    }

    /// <summary>A HEIC of the JPEG, with the JPEG's EXIF carried over as libheif's encoder does.</summary>
    public static Task<byte[]> Heic(byte[] jpeg) =>
        MakeAsync("heif-enc", jpeg, (".jpg", ".heic"), (input, output) => ["-q", "60", "-o", output, input]);

    /// <summary>A JPEG XL of the JPEG, transcoded losslessly as <c>cjxl</c> does by default, its EXIF and XMP kept in boxes.</summary>
    public static Task<byte[]> Jxl(byte[] jpeg) =>
        MakeAsync("cjxl", jpeg, (".jpg", ".jxl"), (input, output) => [input, output, "--quiet"]);
}
