using System.Net.Http.Headers;
using System.Runtime.Versioning;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Images;

/// <summary>
/// docs/deployment.md section 10, run once end to end on PostgreSQL and S3: <c>pg_dump</c>, then the bucket copied to a
/// folder with <c>storage copy</c>, then the keys; restored into a new database and another bucket prefix (the keys
/// folder named by <c>Web:KeysDirectory</c>), the install serves the same images to the same application.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
[SupportedOSPlatform("linux")]
public sealed class ScaleOutBackupTests(SharedBackends backends) : IClassFixture<SharedBackends>, IDisposable
{
    private readonly string backup = Directory.CreateTempSubdirectory("picshelf-pgbackup-").FullName;

    public void Dispose() => Directory.Delete(backup, recursive: true);

    [Fact]
    public async Task TheDeploymentGuidesBackup_RestoresIntoANewDatabaseAndBucket_ServingTheSameImages()
    {
        var live = await backends.NewInstallationAsync();
        var restored = await backends.NewInstallationAsync();
        string clientId, id;
        byte[] original, thumbnail;
        string liveKeys;
        await using (var app = new PicshelfApp().With(live))
        {
            var client = await app.AnonymousClientAsync();
            clientId = PicshelfApp.ClientIdOf(client);
            id = (await client.UploadAsync(TestImages.Jpeg(500, 400), ("title", "from before"))).GetProperty("id").GetString()!;
            original = await client.GetByteArrayAsync($"/{id}.jpg");
            thumbnail = await client.GetByteArrayAsync($"/{id}m.jpg");
            liveKeys = Path.Combine(app.DataDirectory, "keys");

            // Database first, then the bucket, then the keys: a blob newer than the dump is harmless, a row without its blob is not.
            File.SetUnixFileMode(backup, (UnixFileMode)0b111_111_111);
            await backends.Postgres.DumpAsync(Setting(live, "Database:ConnectionString"), Path.Combine(backup, "picshelf.dump"));
            var copied = await PicshelfProcess.RunAsync(["storage", "copy", "--from", "s3", "--to", "filesystem", "--data", Path.Combine(backup, "bucket"), .. S3Arguments(live)]);
            Assert.True(copied.ExitCode == 0, copied.Stderr);
            Assert.Equal(2, copied.Json().GetProperty("copied").GetInt32());
            CopyFolder(liveKeys, Path.Combine(backup, "keys"));
        }

        await backends.Postgres.RestoreAsync(Path.Combine(backup, "picshelf.dump"), Setting(restored, "Database:ConnectionString"));
        var putBack = await PicshelfProcess.RunAsync(["storage", "copy", "--from", "filesystem", "--to", "s3", "--data", Path.Combine(backup, "bucket"), .. S3Arguments(restored)]);
        Assert.True(putBack.ExitCode == 0, putBack.Stderr);

        await using var after = new PicshelfApp().With(restored).With("Web:KeysDirectory", Path.Combine(backup, "keys"));
        using var http = after.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Client-ID", clientId);
        var image = await Envelope.DataAsync(await http.GetAsync($"/3/image/{id}"));
        Assert.Equal("from before", image.GetProperty("title").GetString());
        Assert.Equal(original, await http.GetByteArrayAsync($"/{id}.jpg"));
        Assert.Equal(thumbnail, await http.GetByteArrayAsync($"/{id}m.jpg"));
    }

    private static string Setting(IEnumerable<KeyValuePair<string, string?>> settings, string key) => settings.Single(s => s.Key == key).Value!;

    private static string[] S3Arguments(IEnumerable<KeyValuePair<string, string?>> settings) =>
        [.. settings.Where(s => s.Key.StartsWith("Storage:S3:", StringComparison.Ordinal)).Select(s => $"--{s.Key}={s.Value}")];

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
