using System.Net;
using System.Net.Sockets;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.CommandLine;

/// <summary>
/// The command line guides whoever types at it: help and the version at the top level, a mistyped verb refused with the
/// usage instead of starting a server, and a start that cannot happen told in one line with exit status 1.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class CommandLineGuidanceTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("picshelf-cli-guide-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    [Fact]
    public async Task Help_ListsTheVerbsAndServe_AndVersion_PrintsTheVersion()
    {
        var help = await PicshelfProcess.RunAsync("--help");
        var version = await PicshelfProcess.RunAsync("--version");

        Assert.True(help.ExitCode == 0, help.Stderr);
        foreach (var verb in new[] { "serve", "clients", "users", "tokens", "migrate", "storage", "gc", "gallery" })
        {
            Assert.Matches($"(?m)^\\s+{verb}\\s", help.Stdout);
        }
        Assert.True(version.ExitCode == 0, version.Stderr);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Stdout);
    }

    [Fact]
    public async Task AMistypedVerb_IsRefusedWithTheUsage_AndStartsNoServer()
    {
        var result = await PicshelfProcess.RunAsync("clinets", "create", "--name", "app", "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'clinets'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Usage:", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "picshelf.db")));
    }

    [Fact]
    public async Task APortInUse_EndsTheStartWithOneLineNamingItAndUrls()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await PicshelfProcess.RunAsync("--urls", $"http://127.0.0.1:{port}", "--data", data);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, line => line.Contains($"127.0.0.1:{port}", StringComparison.Ordinal) && line.Contains("--urls", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseThatCannotBeReached_EndsTheStartWithExitStatusOne_AndOneLineWithoutItsPassword()
    {
        var result = await PicshelfProcess.RunAsync("--urls", $"http://127.0.0.1:{PicshelfProcess.FreePort()}", "--data", data,
            "--Database:Provider=postgres", "--Database:ConnectionString=Host=127.0.0.1;Port=9;Database=picshelf;Username=picshelf;Password=hunter2;Timeout=3");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Picshelf could not start: The postgres database cannot be reached", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVerbRunWhereThereIsNoDataFolder_SaysWhichFolderItCreates()
    {
        var missing = Path.Combine(data, "not-yet");

        var result = await PicshelfProcess.RunAsync("clients", "create", "--name", "app", "--data", missing);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"there is no data folder at {missing}; creating it", result.Stderr, StringComparison.Ordinal);
        var again = await PicshelfProcess.RunAsync("clients", "create", "--name", "app", "--data", missing);
        Assert.DoesNotContain("no data folder", again.Stderr, StringComparison.Ordinal);
    }
}
