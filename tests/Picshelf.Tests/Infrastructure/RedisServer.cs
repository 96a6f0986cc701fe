using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, without persistence, owned by the test that
/// starts it: tests can stop it and start it again on the same port to play an outage. The test
/// command installs redis-server where it is missing.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private static readonly string[] Executables = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private readonly string directory = Directory.CreateTempSubdirectory("picshelf-redis-").FullName;
    private Process? process;

    public int Port { get; } = PicshelfProcess.FreePort();

    public string Configuration => $"127.0.0.1:{Port}";

    public async Task InitializeAsync() => await StartAsync();

    public async Task StartAsync()
    {
        var executable = Executables.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run ./test.sh, which installs it, or apt-get install redis-server");
        process = Process.Start(new ProcessStartInfo(executable)
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory, "--protected-mode", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (await PingAsync())
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"redis-server did not answer on port {Port}");
    }

    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process = null;
    }

    /// <summary>Sends one inline command and returns Redis's raw answer.</summary>
    public async Task<string> CommandAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        var buffer = new byte[64 * 1024];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            return (await CommandAsync("PING")).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
