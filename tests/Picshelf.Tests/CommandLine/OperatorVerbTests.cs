using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.CommandLine;

/// <summary>
/// The operator's verbs run beside a serving install on its data folder: <c>users list</c> and <c>users delete</c>,
/// <c>images delete</c> for takedowns, and <c>stats</c>; each prints JSON, and a name or id that is not there is an error.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class OperatorVerbTests
{
    [Fact]
    public async Task UsersList_PagesTheAccountsOldestFirst_WithTheirImageCounts()
    {
        await using var app = new PicshelfApp();
        var first = await app.SignedInClientAsync();
        var second = await app.SignedInClientAsync();
        var third = await app.SignedInClientAsync();
        await first.Http.UploadAsync(TestImages.Png());
        await first.Http.UploadAsync(TestImages.Png());
        await third.Http.UploadAsync(TestImages.Png());

        var one = (await PicshelfProcess.RunAsync("users", "list", "--per-page", "2", "--data", app.DataDirectory)).Json();
        var two = (await PicshelfProcess.RunAsync("users", "list", "--per-page", "2", "--page", "2", "--data", app.DataDirectory)).Json();

        Assert.True(one.GetProperty("more").GetBoolean());
        Assert.False(two.GetProperty("more").GetBoolean());
        var listed = one.GetProperty("users").EnumerateArray().Concat(two.GetProperty("users").EnumerateArray())
            .Select(u => (u.GetProperty("username").GetString(), u.GetProperty("images").GetInt32(), u.GetProperty("email").GetString())).ToList();
        Assert.Equal([(first.Username, 2, $"{first.Username}@example.com"), (second.Username, 0, $"{second.Username}@example.com"),
            (third.Username, 1, $"{third.Username}@example.com")], listed);
        var refused = await PicshelfProcess.RunAsync("users", "list", "--page", "0", "--data", app.DataDirectory);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--page starts at 1", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersDelete_RemovesTheAccountWithItsImagesAndFiles()
    {
        await using var app = new PicshelfApp();
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;

        var deleted = await PicshelfProcess.RunAsync("users", "delete", "--username", owner.Username, "--data", app.DataDirectory);
        var again = await PicshelfProcess.RunAsync("users", "delete", "--username", owner.Username, "--data", app.DataDirectory);

        Assert.Equal("true", deleted.Stdout);
        Assert.Equal(0, await app.WithDbAsync(db => db.Accounts.CountAsync(a => a.Id == owner.AccountId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Images.CountAsync(i => i.Id == id)));
        Assert.DoesNotContain(await app.StoredFilesAsync(), key => key.Contains(id, StringComparison.Ordinal));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("Unable to find an account with the username", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagesDelete_TakesAnImageDownWithItsThumbnails_AndAMissingIdIsAnError()
    {
        await using var app = new PicshelfApp();
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.Jpeg(400, 300))).GetProperty("id").GetString()!;
        using (await client.GetAsync($"/{id}m.jpg"))
        {
        }
        Assert.Contains(await app.StoredFilesAsync(), key => key.StartsWith("thumbnails/", StringComparison.Ordinal) && key.Contains(id, StringComparison.Ordinal));

        var deleted = await PicshelfProcess.RunAsync("images", "delete", "--id", id, "--data", app.DataDirectory);
        var missing = await PicshelfProcess.RunAsync("images", "delete", "--id", id, "--data", app.DataDirectory);

        Assert.Equal("true", deleted.Stdout);
        Assert.Equal(0, await app.WithDbAsync(db => db.Images.CountAsync(i => i.Id == id)));
        Assert.DoesNotContain(await app.StoredFilesAsync(), key => key.Contains(id, StringComparison.Ordinal));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"Unable to find an image with the id, {id}", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_CountsWhatTheInstallHolds()
    {
        await using var app = new PicshelfApp();
        var owner = await app.SignedInClientAsync();
        var png = TestImages.Png(64, 48);
        await owner.Http.UploadAsync(png);
        var bytes = (await owner.Http.UploadAsync(png)).GetProperty("size").GetInt64() * 2;

        var stats = (await PicshelfProcess.RunAsync("stats", "--data", app.DataDirectory)).Json();

        Assert.Equal(1, stats.GetProperty("accounts").GetInt32());
        Assert.Equal(2, stats.GetProperty("images").GetInt32());
        Assert.Equal(bytes, stats.GetProperty("image_bytes").GetInt64());
        Assert.Equal(0, stats.GetProperty("albums").GetInt32());
        Assert.Equal(["accounts", "images", "image_bytes", "albums", "gallery_posts", "comments", "rendition_jobs"],
            stats.EnumerateObject().Select(p => p.Name));
    }
}
