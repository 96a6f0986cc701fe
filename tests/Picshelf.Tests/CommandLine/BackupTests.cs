using System.Runtime.Versioning;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.CommandLine;

/// <summary>
/// <c>backup --to DIR</c> copies a serving embedded install (its database and every blob, with a manifest of sizes and
/// SHA-256); <c>restore --from DIR</c> brings it back into an empty data folder, where a server serves it as it was.
/// A restore refuses a folder that is not empty and a backup whose bytes differ from its manifest, writing nothing.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
[SupportedOSPlatform("linux")]
public sealed class BackupTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("picshelf-backup-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task ABackupTakenWhileServing_RestoresIntoAnEmptyFolder_AndServesTheSameImages()
    {
        var backup = Path.Combine(scratch, "backup");
        var restored = Path.Combine(scratch, "restored");
        string clientId, id;
        byte[] original, thumbnail;
        await using (var app = new PicshelfApp())
        {
            clientId = await app.RegisterClientAsync();
            var client = await app.AnonymousClientAsync();
            id = (await client.UploadAsync(TestImages.Jpeg(640, 480), ("title", "kept"))).GetProperty("id").GetString()!;
            original = await client.GetByteArrayAsync($"/{id}.jpg");
            thumbnail = await client.GetByteArrayAsync($"/{id}s.jpg");

            var result = await PicshelfProcess.RunAsync("backup", "--to", backup, "--data", app.DataDirectory);

            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Equal(backup, result.Json().GetProperty("directory").GetString());
            // The database, the original and its small square thumbnail.
            Assert.True(result.Json().GetProperty("files").GetInt32() >= 3);
            Assert.True(File.Exists(Path.Combine(backup, "manifest.json")));
        }

        var restore = await PicshelfProcess.RunAsync("restore", "--from", backup, "--data", restored);
        Assert.True(restore.ExitCode == 0, restore.Stderr);
        // The keys that sign the site's cookies come back too, in a folder only the server's user may open.
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(restored, "keys")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(restored, "keys")));

        await using var server = await PicshelfServer.StartAsync(restored, []);
        using var http = server.Client(clientId);
        var image = await Envelope.DataAsync(await http.GetAsync($"/3/image/{id}"));
        Assert.Equal("kept", image.GetProperty("title").GetString());
        Assert.Equal(original, await http.GetByteArrayAsync($"/{id}.jpg"));
        Assert.Equal(thumbnail, await http.GetByteArrayAsync($"/{id}s.jpg"));
    }

    [Fact]
    public async Task Restore_IntoAFolderThatIsNotEmpty_IsRefused()
    {
        var backup = await BackupOfOneImageAsync();
        var occupied = Directory.CreateDirectory(Path.Combine(scratch, "occupied")).FullName;
        await File.WriteAllTextAsync(Path.Combine(occupied, "notes.txt"), "mine");

        var result = await PicshelfProcess.RunAsync("restore", "--from", backup, "--data", occupied);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not empty", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(occupied).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Restore_OfABackupWithADamagedBlob_NamesItAndWritesNothing()
    {
        var backup = await BackupOfOneImageAsync();
        var blob = Directory.EnumerateFiles(Path.Combine(backup, "blobs", "originals"), "*", SearchOption.AllDirectories).First();
        var bytes = await File.ReadAllBytesAsync(blob);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(blob, bytes);
        var target = Path.Combine(scratch, "target");

        var result = await PicshelfProcess.RunAsync("restore", "--from", backup, "--data", target);

        Assert.Equal(1, result.ExitCode);
        var named = Path.GetRelativePath(backup, blob).Replace('\\', '/');
        Assert.Contains($"{named} is damaged", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any());
    }

    [Fact]
    public async Task Restore_OfAFolderWithoutAManifest_IsRefused()
    {
        var result = await PicshelfProcess.RunAsync("restore", "--from", scratch, "--data", Path.Combine(scratch, "target"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a Picshelf backup", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_IntoAFolderThatIsNotEmpty_IsRefusedAndLeavesItAsItWas()
    {
        await using var app = new PicshelfApp();
        await (await app.AnonymousClientAsync()).UploadAsync(TestImages.Png());
        var occupied = Directory.CreateDirectory(Path.Combine(scratch, "occupied")).FullName;
        await File.WriteAllTextAsync(Path.Combine(occupied, "notes.txt"), "mine");

        var result = await PicshelfProcess.RunAsync("backup", "--to", occupied, "--data", app.DataDirectory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not empty", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(occupied).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Backup_OnPostgres_PointsToTheDeploymentGuide()
    {
        var result = await PicshelfProcess.RunAsync("backup", "--to", Path.Combine(scratch, "b"), "--data", Path.Combine(scratch, "data"),
            "--Database:Provider=postgres", "--Database:ConnectionString=Host=127.0.0.1;Port=1;Database=none");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("docs/deployment.md", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch, "b")));
    }

    private async Task<string> BackupOfOneImageAsync()
    {
        var backup = Path.Combine(scratch, "backup");
        await using var app = new PicshelfApp();
        await (await app.AnonymousClientAsync()).UploadAsync(TestImages.Png());
        var result = await PicshelfProcess.RunAsync("backup", "--to", backup, "--data", app.DataDirectory);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return backup;
    }
}
