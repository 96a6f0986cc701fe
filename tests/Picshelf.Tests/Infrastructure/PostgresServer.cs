using System.Diagnostics;
using Npgsql;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// A real, throw-away PostgreSQL cluster on a free loopback port (initdb as the postgres user, no fsync), for
/// the tests that run Picshelf on PostgreSQL. Each test takes a database of its own. The test command installs
/// PostgreSQL where it is missing; initdb needs root to run as the postgres user.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("picshelf-pg-").FullName;
    private string? bin;

    public int Port { get; } = PicshelfProcess.FreePort();

    public async Task InitializeAsync()
    {
        bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed: run ./test.sh, which installs it, or apt-get install postgresql");
        }
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The PostgreSQL tests run on Linux");
        }
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await RunAsync("chown", "postgres:postgres", directory);
        await RunAsPostgresAsync(Path.Combine(bin, "initdb"), "-D", Path.Combine(directory, "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8");
        await StartAsync();
    }

    /// <summary>
    /// Stops the server as a restart would, cutting every connection. Not "immediate": with fsync and synchronous
    /// commits off (for speed), a crash may lose the last commits, which would be this test cluster's doing.
    /// </summary>
    public Task StopAsync() => RunAsPostgresAsync(Path.Combine(bin!, "pg_ctl"), "-D", Path.Combine(directory, "data"), "-m", "fast", "stop");

    public Task StartAsync() => RunAsPostgresAsync(Path.Combine(bin!, "pg_ctl"), "-D", Path.Combine(directory, "data"), "-l", Path.Combine(directory, "server.log"),
        "-w", "-t", "60", "-o", $"-p {Port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");

    /// <summary>A connection string to a new, empty database.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = "picshelf_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres"))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    /// <summary><c>pg_dump -Fc</c> of the database a connection string names, as the deployment guide's backup runs it.</summary>
    public Task DumpAsync(string connectionString, string file) =>
        RunAsPostgresAsync(Path.Combine(bin!, "pg_dump"), "-h", "127.0.0.1", "-p", $"{Port}", "-U", "postgres", "-Fc", "-f", file,
            new NpgsqlConnectionStringBuilder(connectionString).Database!);

    /// <summary><c>pg_restore --no-owner</c> of a dump into the (new, empty) database a connection string names.</summary>
    public Task RestoreAsync(string file, string connectionString) =>
        RunAsPostgresAsync(Path.Combine(bin!, "pg_restore"), "-h", "127.0.0.1", "-p", $"{Port}", "-U", "postgres", "--no-owner",
            "-d", new NpgsqlConnectionStringBuilder(connectionString).Database!, file);

    private static Task RunAsPostgresAsync(string executable, params string[] arguments) =>
        RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments]);

    private static async Task RunAsync(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}{await output}");
        }
    }

    public async Task DisposeAsync()
    {
        if (bin is not null)
        {
            try
            {
                await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(directory, "data"), "-m", "immediate", "stop");
            }
            catch (InvalidOperationException)
            {
            }
        }
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
