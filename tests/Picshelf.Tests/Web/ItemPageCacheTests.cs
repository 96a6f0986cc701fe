using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// The image and album pages a signed-out reader gets are kept and served again (saying so with <c>Age</c>), and every
/// change to what they show (an album's details, its images and their order, an image's text, its owner, a deletion)
/// reaches the next reader at once. A signed-in reader always gets a page rendered for them.
/// </summary>
public sealed class ItemPageCacheTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    /// <summary>Reads the page twice as a signed-out reader; the second answer at least must be the kept one.</summary>
    private async Task<string> KeptPageAsync(string albumId) => await KeptAsync("/a/" + albumId);

    private async Task<string> KeptAsync(string path)
    {
        using var reader = new BrowserSession(app);
        using var first = await reader.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await reader.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.Age);
        return reader.LastPage!;
    }

    private async Task<(HttpStatusCode Status, string Html)> NextReaderAsync(string albumId) => await NextReadOfAsync("/a/" + albumId);

    private async Task<(HttpStatusCode Status, string Html)> NextReadOfAsync(string path)
    {
        using var reader = new BrowserSession(app);
        using var page = await reader.GetAsync(path);
        return (page.StatusCode, reader.LastPage!);
    }

    [Fact]
    public async Task ASignedOutReader_GetsTheKeptPage_ASignedInOneAPageRenderedForThem()
    {
        using var api = await app.AnonymousClientAsync();
        var image = await api.UploadAsync(TestImages.Png(), ("title", "Kept"));
        var (albumId, _) = await api.CreateAlbumAsync(("deletehashes", image.GetProperty("deletehash").GetString()!), ("title", "Cached"));
        using var signedIn = new BrowserSession(app);
        await signedIn.SignUpAsync();

        var kept = await KeptPageAsync(albumId);
        using var first = await signedIn.GetAsync("/a/" + albumId);
        using var second = await signedIn.GetAsync("/a/" + albumId);

        Assert.Contains("<h1>Cached</h1>", kept, StringComparison.Ordinal);
        Assert.Null(first.Headers.Age);
        Assert.Null(second.Headers.Age);
        Assert.Contains("Sign out", signedIn.LastPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out", kept, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeptPage_IsServedAtItsOwnIdOnly_NotAtTheIdInAnotherCase()
    {
        using var api = await app.AnonymousClientAsync();
        var image = await api.UploadAsync(TestImages.Png(), ("title", "Case matters"));
        var imageId = image.GetProperty("id").GetString()!;
        var (albumId, _) = await api.CreateAlbumAsync(("deletehashes", image.GetProperty("deletehash").GetString()!), ("title", "Cased"));
        static string OtherCase(string id) => string.Concat(id.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));

        await KeptAsync("/" + imageId);
        await KeptPageAsync(albumId);
        var (imageStatus, _) = await NextReadOfAsync("/" + OtherCase(imageId));
        var (albumStatus, _) = await NextReaderAsync(OtherCase(albumId));

        Assert.NotEqual(imageId, OtherCase(imageId));
        Assert.NotEqual(albumId, OtherCase(albumId));
        Assert.Equal(HttpStatusCode.NotFound, imageStatus);
        Assert.Equal(HttpStatusCode.NotFound, albumStatus);
    }

    [Fact]
    public async Task EveryChangeToWhatThePageShows_ReachesTheNextReaderAtOnce()
    {
        var owner = await app.SignedInClientAsync();
        var first = (await owner.Http.UploadAsync(TestImages.Png(30, 20), ("title", "First"))).GetProperty("id").GetString()!;
        var second = (await owner.Http.UploadAsync(TestImages.Png(20, 30), ("title", "Second"))).GetProperty("id").GetString()!;
        var (albumId, _) = await owner.Http.CreateAlbumAsync(("ids", $"{first},{second}"), ("title", "Before"));

        await KeptPageAsync(albumId);
        using (var retitled = await owner.Http.PutAsync($"/3/album/{albumId}", Forms.Form(("title", "After"))))
        {
            Assert.Equal(HttpStatusCode.OK, retitled.StatusCode);
        }
        var afterAlbumEdit = await NextReaderAsync(albumId);

        await KeptPageAsync(albumId);
        using (var renamed = await owner.Http.PostAsync($"/3/image/{first}", Forms.Form(("title", "Renamed"))))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }
        var afterImageEdit = await NextReaderAsync(albumId);

        await KeptPageAsync(albumId);
        var added = (await owner.Http.UploadAsync(TestImages.Png(25, 25), ("album", albumId))).GetProperty("id").GetString()!;
        var afterUpload = await NextReaderAsync(albumId);

        await KeptPageAsync(albumId);
        using (var removed = await owner.Http.PostAsync($"/3/album/{albumId}/remove_images", Forms.Form(("ids", second))))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }
        var afterRemoval = await NextReaderAsync(albumId);

        await KeptPageAsync(albumId);
        using (var deleted = await owner.Http.DeleteAsync($"/3/image/{first}"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }
        var afterImageDeletion = await NextReaderAsync(albumId);

        await KeptPageAsync(albumId);
        using (var gone = await owner.Http.DeleteAsync($"/3/album/{albumId}"))
        {
            Assert.Equal(HttpStatusCode.OK, gone.StatusCode);
        }
        var afterAlbumDeletion = await NextReaderAsync(albumId);

        Assert.Contains("<h1>After</h1>", afterAlbumEdit.Html, StringComparison.Ordinal);
        Assert.Contains("<h2>Renamed</h2>", afterImageEdit.Html, StringComparison.Ordinal);
        Assert.Contains($"id=\"image-{added}\"", afterUpload.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"image-{second}\"", afterRemoval.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"image-{first}\"", afterImageDeletion.Html, StringComparison.Ordinal);
        Assert.Contains($"id=\"image-{added}\"", afterImageDeletion.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, afterAlbumDeletion.Status);
    }

    [Fact]
    public async Task EveryChangeToAnImage_ReachesTheNextReaderOfItsPageAtOnce()
    {
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png(), ("title", "Before"))).GetProperty("id").GetString()!;
        var page = "/" + id;

        var before = await KeptAsync(page);
        using (var retitled = await owner.Http.PostAsync($"/3/image/{id}", Forms.Form(("title", "After"), ("description", "Now described"))))
        {
            Assert.Equal(HttpStatusCode.OK, retitled.StatusCode);
        }
        var afterEdit = await NextReadOfAsync(page);

        await KeptAsync(page);
        using (var deleted = await owner.Http.DeleteAsync($"/3/image/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }
        var afterDeletion = await NextReadOfAsync(page);

        Assert.Contains("<h1>Before</h1>", before, StringComparison.Ordinal);
        Assert.Contains("<h1>After</h1>", afterEdit.Html, StringComparison.Ordinal);
        Assert.Contains("Now described", afterEdit.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, afterDeletion.Status);
    }

    [Fact]
    public async Task AnEmptyAlbumsPage_FollowsItsOwnersRename_AndDeletion()
    {
        var owner = await app.SignedInClientAsync();
        var (albumId, _) = await owner.Http.CreateAlbumAsync(("title", "Nothing yet"));
        var renamed = "renamed" + Guid.NewGuid().ToString("N")[..10];

        var before = await KeptPageAsync(albumId);
        using (var rename = await owner.Http.PutAsync("/3/account/me/settings", Forms.Form(("username", renamed))))
        {
            Assert.True((await Envelope.DataAsync(rename)).GetBoolean());
        }
        var afterRename = await NextReaderAsync(albumId);
        await KeptPageAsync(albumId);
        using (var deleted = await owner.Http.PostAsync("/3/account/me/delete", Forms.Form(("password", "correct horse battery"))))
        {
            Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        }
        var afterDeletion = await NextReaderAsync(albumId);

        Assert.Contains($" by {owner.Username}<", before, StringComparison.Ordinal);
        Assert.Contains($" by {renamed}<", afterRename.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, afterDeletion.Status);
    }

    [Fact]
    public async Task WrittenViewCounts_DropTheImagesPage_ButNotTheAlbumPageShowingIt()
    {
        using var api = await app.AnonymousClientAsync();
        var image = await api.UploadAsync(TestImages.Png(), ("title", "Viewed"));
        var id = image.GetProperty("id").GetString()!;
        var (albumId, _) = await api.CreateAlbumAsync(("deletehashes", image.GetProperty("deletehash").GetString()!));
        await KeptPageAsync(albumId);
        await KeptAsync("/" + id);

        await app.CreateClient().GetByteArrayAsync(image.GetProperty("link").GetString());
        // The count is written every 200 ms here; the image's own answer shows it once it is.
        var views = 0;
        for (var waited = 0; views == 0 && waited < 100; waited++)
        {
            await Task.Delay(100);
            using var read = await api.GetAsync("/3/image/" + id);
            views = (await Envelope.DataAsync(read)).GetProperty("views").GetInt32();
        }
        var shownOnItsPage = "0";
        for (var waited = 0; shownOnItsPage != "1" && waited < 100; waited++)
        {
            using var reader = new BrowserSession(app);
            await reader.GetAsync("/" + id);
            shownOnItsPage = reader.Field("views");
            await Task.Delay(100);
        }
        using var albumReader = new BrowserSession(app);
        using var albumPage = await albumReader.GetAsync("/a/" + albumId);

        Assert.Equal(1, views);
        Assert.Equal("1", shownOnItsPage);
        Assert.NotNull(albumPage.Headers.Age);
    }
}
