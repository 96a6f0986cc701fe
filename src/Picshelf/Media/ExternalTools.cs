using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Picshelf.Media;

/// <summary>
/// The programs Picshelf hands a file it cannot read itself (ffmpeg, ffprobe, heif-convert, djxl), run as child
/// processes: within an address-space limit (<c>prlimit --as</c>, <see cref="TranscodeOptions.RenditionMemoryBytes"/>)
/// so a crafted file cannot make one take the machine's memory, and killed with their children at a time limit.
/// </summary>
public sealed class ExternalTools(IOptions<TranscodeOptions> options)
{
    private static Process Start(ProcessStartInfo start, string program)
    {
        try
        {
            return Process.Start(start) ?? throw new TranscodeFailedException($"{program} could not be started", unavailable: true);
        }
        catch (System.ComponentModel.Win32Exception failure)
        {
            throw new TranscodeFailedException($"{program} could not be started: {failure.Message}", unavailable: true);
        }
    }

    /// <param name="feed">Writes the program's standard input, while it runs; none closes it at once.</param>
    /// <returns>What the program wrote to its standard output.</returns>
    /// <exception cref="TranscodeFailedException">The program could not be started, failed, or ran past <paramref name="timeout"/>.</exception>
    public async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
        Func<Stream, Task>? feed = null)
    {
        var start = new ProcessStartInfo("prlimit")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[$"--as={options.Value.RenditionMemoryBytes}", "--", program, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        var name = Path.GetFileName(program);
        using var process = Start(start, name);
        var fed = FeedAsync(process.StandardInput.BaseStream, feed);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TranscodeFailedException($"{name} ran past its time limit of {timeout} and was stopped");
        }
        var written = await output;
        await fed;
        if (process.ExitCode is 126 or 127)
        {
            // prlimit's own answer when the program cannot be run.
            throw new TranscodeFailedException($"{name} could not be started: {(await errors).Trim()}", unavailable: true);
        }
        if (process.ExitCode != 0)
        {
            var said = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
            // ffmpeg names the input file; the message may reach a client, which needs only what went wrong.
            var input = arguments.SkipWhile(a => a != "-i").Skip(1).FirstOrDefault() ?? arguments[^1];
            said = said.Replace(input, "the file", StringComparison.Ordinal);
            throw new TranscodeFailedException($"{name} failed ({process.ExitCode}): {(said.Length > 300 ? said[..300] : said)}");
        }
        return written;
    }

    /// <summary>
    /// Writes the input on another thread (decoding frames is CPU work) and then closes it. A program that stops reading
    /// breaks the pipe: its exit status says why, not the write that failed.
    /// </summary>
    private static Task FeedAsync(Stream input, Func<Stream, Task>? feed) => feed is null ? CloseAsync(input) : Task.Run(async () =>
    {
        try
        {
            await feed(input);
        }
        catch (Exception broken) when (broken is IOException or ObjectDisposedException)
        {
            // The program exited or closed its input.
        }
        await CloseAsync(input);
    });

    private static async Task CloseAsync(Stream input)
    {
        try
        {
            await input.DisposeAsync();
        }
        catch (IOException)
        {
            // Already broken: nothing is left to flush.
        }
    }

}
