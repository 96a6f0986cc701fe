using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Picshelf.Tests.Infrastructure;

/// <summary>Runs the real Picshelf executable, as an operator would, with its own data directory.</summary>
public static class PicshelfProcess
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "Picshelf.dll");

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Asserts the verb succeeded and returns the JSON it printed.</summary>
        public JsonElement Json()
        {
            Assert.True(ExitCode == 0, Stderr);
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A run meant to end (a verb, a refused start) that serves instead must not outlive the test.
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }

    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Executable);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        return Process.Start(start) ?? throw new InvalidOperationException("could not start Picshelf");
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
