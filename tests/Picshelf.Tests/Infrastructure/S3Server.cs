using System.Diagnostics;
using System.Net.Sockets;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// A real S3 protocol server, s3rver from npm (objects on disk, SigV4 checked), on a free loopback port with
/// one bucket. Tests can stop it and start it again on the same port to play an outage. The test command
/// installs Node.js and the locked s3rver under <c>.ci/s3</c>.
/// </summary>
public sealed class S3Server : IAsyncLifetime
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly string directory = Directory.CreateTempSubdirectory("picshelf-s3-").FullName;
    private Process? process;

    public int Port { get; } = PicshelfProcess.FreePort();

    public string Bucket { get; } = "picshelf-tests";

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The settings that point Picshelf at this server, its objects under <paramref name="prefix"/>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(string prefix = "") =>
    [
        new("Storage:Provider", "s3"),
        new("Storage:S3:ServiceUrl", ServiceUrl),
        new("Storage:S3:Bucket", Bucket),
        new("Storage:S3:Prefix", prefix),
        new("Storage:S3:ForcePathStyle", "true"),
        new("Storage:S3:AccessKey", AccessKey),
        new("Storage:S3:SecretKey", SecretKey),
        new("Storage:S3:Timeout", "00:00:05"),
    ];

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        var script = Path.Combine(RepositoryRoot(), ".ci", "s3", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException("s3rver is not installed: run ./test.sh, which installs it (npm ci in .ci/s3)");
        }
        process = Process.Start(new ProcessStartInfo("node")
        {
            ArgumentList = { script, "-d", directory, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--no-vhost-buckets", "--configure-bucket", Bucket, "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Never the terminal: a background process reading it is stopped (SIGTTIN), and every S3 request then hangs.
            RedirectStandardInput = true,
        }) ?? throw new InvalidOperationException("could not start node");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited with {process.ExitCode}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"s3rver did not listen on port {Port}");
    }

    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process = null;
    }

    /// <summary>The folder holding <c>.ci</c>, found upward from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, ".ci")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (with .ci/) is not above " + AppContext.BaseDirectory);
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
