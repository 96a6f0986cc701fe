using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// A Picshelf server running as its own process on a free loopback port, as one of several behind a proxy
/// would: it can be killed outright, as a crash would.
/// </summary>
public sealed class PicshelfServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private PicshelfServer(Process process, int port)
    {
        this.process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a server with these configuration arguments (<c>--Section:Key=value</c>) and waits until it is ready;
    /// one that never is, is killed, not left running after the test.
    /// </summary>
    /// <param name="alsoListenOn">Another address the server listens on, beside <see cref="Port"/>.</param>
    public static async Task<PicshelfServer> StartAsync(string dataDirectory, IEnumerable<string> configuration, string? alsoListenOn = null)
    {
        var port = PicshelfProcess.FreePort();
        var urls = alsoListenOn is null ? $"http://127.0.0.1:{port}" : $"http://127.0.0.1:{port};{alsoListenOn}";
        var server = new PicshelfServer(PicshelfProcess.Start(["serve", "--urls", urls, "--data", dataDirectory, .. configuration]), port);
        try
        {
            await server.WaitUntilReadyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var waited = Stopwatch.StartNew();
        var lastAnswer = "none";
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Picshelf exited with {process.ExitCode}: {Output}");
            }
            try
            {
                using var ready = await http.GetAsync("/readyz");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
                lastAnswer = $"{(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}";
            }
            catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
            {
                lastAnswer = failure.Message;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"Picshelf did not become ready on port {Port} (last /readyz: {lastAnswer}): {Output}");
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public HttpClient Client(string clientId)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Client-ID", clientId);
        return client;
    }

    /// <summary>SIGTERM, as systemd stops a service; returns the exit status once the process has ended (60 s at most).</summary>
    public async Task<int> StopAsync()
    {
        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no flush, whatever was in flight is cut off.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }
}
