using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Images;

/// <summary>
/// An upload onto a full disk (the data folder on a small tmpfs, filled up) answers 507 in the envelope, leaves no
/// row, no blob and no staging file behind, and the server goes on serving what it has; once space is freed, uploads
/// work again. A backup onto a full disk fails saying so and leaves no half backup. Mounting needs root, as the test
/// command has.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
[SupportedOSPlatform("linux")]
public sealed class FullDiskTests : IAsyncLifetime
{
    private readonly string mount = Directory.CreateTempSubdirectory("picshelf-full-").FullName;

    public async Task InitializeAsync() => await RunAsync("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mount);

    public async Task DisposeAsync()
    {
        // Lazily: SQLite's connection pool may still hold the database open for a moment.
        await RunAsync("umount", "--lazy", mount);
        Directory.Delete(mount);
    }

    [Fact]
    public async Task AnUploadOntoAFullDisk_Answers507_LeavesNothingBehind_AndReadsGoOn()
    {
        await using var app = new PicshelfApp().With("Storage:DataDirectory", mount);
        var client = await app.AnonymousClientAsync();
        var kept = (await client.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var keptBytes = await client.GetByteArrayAsync($"/{kept}.png");
        var before = Files();

        var filler = Path.Combine(mount, "filler");
        await FillAsync(filler);
        using (var refused = await client.PostAsync("/3/image", Uploads.Multipart(TestImages.Jpeg(2000, 1500))))
        {
            var error = await Envelope.ErrorAsync(refused, 507);
            Assert.Contains("no space left", error, StringComparison.Ordinal);
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.Images.CountAsync()));
        Assert.Equal(before, Files());
        Assert.Equal(keptBytes, await client.GetByteArrayAsync($"/{kept}.png"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/3/image/{kept}")).StatusCode);

        File.Delete(filler);
        var again = (await client.UploadAsync(TestImages.Jpeg(2000, 1500))).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{again}.jpg")).StatusCode);
    }

    [Fact]
    public async Task ABackupOntoAFullDisk_FailsSayingSo_AndRemovesWhatItWrote()
    {
        await using var app = new PicshelfApp();
        var client = await app.AnonymousClientAsync();
        for (var i = 0; i < 3; i++)
        {
            await client.UploadAsync(TestImages.Jpeg(1200, 900));
        }
        await FillAsync(Path.Combine(mount, "filler"));
        var target = Path.Combine(mount, "backup");

        var result = await PicshelfProcess.RunAsync("backup", "--to", target, "--data", app.DataDirectory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{target} ran out of space; the partial backup was removed", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    /// <summary>Every file under the data folder but the filler and SQLite's own journal files, which come and go.</summary>
    private List<string> Files() =>
        [.. Directory.EnumerateFiles(mount, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) is not ("filler" or "picshelf.db-wal" or "picshelf.db-shm" or "picshelf.db"))
            .Select(path => Path.GetRelativePath(mount, path)).Order(StringComparer.Ordinal)];

    /// <summary>Writes until the disk refuses another byte.</summary>
    private static async Task FillAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                await file.WriteAsync(block);
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {errors}");
    }
}
