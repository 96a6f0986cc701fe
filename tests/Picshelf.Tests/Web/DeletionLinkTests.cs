using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// <c>/delete/{deletehash}</c>: a GET shows what would be deleted and deletes nothing; the page's form, posted with its
/// antiforgery token, deletes as the API's DELETE by deletehash does. A wrong hash, an id in its place or a post without
/// the token deletes nothing.
/// </summary>
public sealed class DeletionLinkTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task TheLink_ShowsTheImageAndItsThumbnail_AndAGetNeverDeletes()
    {
        using var api = await app.AnonymousClientAsync();
        var image = await api.UploadAsync(TestImages.Png(), ("title", "Keep me <for now>"));
        var id = image.GetProperty("id").GetString()!;
        using var browser = new BrowserSession(app);

        using var first = await browser.GetAsync("/delete/" + image.GetProperty("deletehash").GetString());
        using var again = await browser.GetAsync("/delete/" + image.GetProperty("deletehash").GetString());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Keep me <for now>", browser.Field("item-title"));
        Assert.Contains($"<img src=\"http://localhost/{id}t.png\" alt=\"Keep me &lt;for now&gt;\">", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\" class=\"danger\">Delete the image</button>", browser.LastPage, StringComparison.Ordinal);
        Assert.Equal("noindex", PageMarkup.Meta(browser.LastPage!, "robots"));
        using var stillThere = await api.GetAsync("/3/image/" + id);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task TheConfirmation_DeletesTheImage_AndEverythingStoredForIt()
    {
        using var api = await app.AnonymousClientAsync();
        var image = await api.UploadAsync(TestImages.Png(), ("title", "Going"));
        var id = image.GetProperty("id").GetString()!;
        var path = "/delete/" + image.GetProperty("deletehash").GetString();
        using var client = app.CreateClient();
        (await client.GetAsync($"/{id}m.png")).Dispose();
        using var browser = new BrowserSession(app);
        await browser.GetAsync(path);

        using var deleted = await browser.SubmitAsync(path);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Contains("The image “Going” is deleted.", browser.Field("deleted"), StringComparison.Ordinal);
        await Envelope.ErrorAsync(await api.GetAsync("/3/image/" + id), 404);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/" + id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{id}.png")).StatusCode);
        Assert.DoesNotContain(await app.StoredFilesAsync(), file => file.Contains(id, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task AnAlbumsLink_SaysWhatGoesWithIt_AndDeletesItAsTheApiWould()
    {
        using var api = await app.AnonymousClientAsync();
        var kept = await api.UploadAsync(TestImages.Png(), ("title", "Kept"));
        var (albumId, albumHash) = await api.CreateAlbumAsync(("deletehashes", kept.GetProperty("deletehash").GetString()!), ("title", "Trip"));
        using var upload = await api.PostAsync("/3/image", Uploads.Multipart(TestImages.Png(50, 40), "into.png", ("album", albumHash)));
        var uploadedInto = (await Envelope.DataAsync(upload)).GetProperty("id").GetString()!;
        using var browser = new BrowserSession(app);

        using var confirmation = await browser.GetAsync("/delete/" + albumHash);
        using var deleted = await browser.SubmitAsync("/delete/" + albumHash);

        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Contains("The album “Trip” is deleted.", browser.Field("deleted"), StringComparison.Ordinal);
        await Envelope.ErrorAsync(await api.GetAsync("/3/album/" + albumId), 404);
        await Envelope.ErrorAsync(await api.GetAsync("/3/image/" + uploadedInto), 404);
        using var keptImage = await api.GetAsync("/3/image/" + kept.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, keptImage.StatusCode);
    }

    [Fact]
    public async Task TheAlbumsConfirmation_ShowsItsCoverAndImageCount()
    {
        using var api = await app.AnonymousClientAsync();
        var cover = await api.UploadAsync(TestImages.Jpeg(64, 48));
        var other = await api.UploadAsync(TestImages.Png());
        var (_, albumHash) = await api.CreateAlbumAsync(
            ("deletehashes", $"{other.GetProperty("deletehash").GetString()},{cover.GetProperty("deletehash").GetString()}"),
            ("cover", cover.GetProperty("id").GetString()!));
        using var browser = new BrowserSession(app);

        await browser.GetAsync("/delete/" + albumHash);

        Assert.Equal("Untitled album", browser.Field("item-title"));
        Assert.Contains($"<img src=\"http://localhost/{cover.GetProperty("id").GetString()}t.jpg\"", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains("The album holds 2 image(s).", browser.LastPage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NoSuchDeleteHsh")]
    [InlineData("short")]
    [InlineData("not-a-hash")]
    public async Task AWrongHash_IsThe404Page_ByGetAndByPost_AndDeletesNothing(string wrong)
    {
        using var api = await app.AnonymousClientAsync();
        var image = await api.UploadAsync(TestImages.Png());
        using var browser = new BrowserSession(app);
        await browser.GetAsync("/delete/" + image.GetProperty("deletehash").GetString());
        var token = browser.AntiforgeryToken();

        using var shown = await browser.GetAsync("/delete/" + wrong);
        using var posted = await browser.PostAsync("/delete/" + wrong, ("__RequestVerificationToken", token));

        Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal("text/html", posted.Content.Headers.ContentType?.MediaType);
        Assert.Contains("There is no page at this address", browser.LastPage, StringComparison.Ordinal);
        using var stillThere = await api.GetAsync("/3/image/" + image.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task AnIdInPlaceOfTheHash_IsThe404Page_EvenForTheOwner()
    {
        var owner = await app.SignedInClientAsync();
        var image = await owner.Http.UploadAsync(TestImages.Png());
        var id = image.GetProperty("id").GetString()!;
        using var browser = new BrowserSession(app);
        await browser.GetAsync("/delete/" + image.GetProperty("deletehash").GetString());
        var token = browser.AntiforgeryToken();

        using var shown = await browser.GetAsync("/delete/" + id);
        using var posted = await browser.PostAsync("/delete/" + id, ("__RequestVerificationToken", token));

        Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        using var stillThere = await owner.Http.GetAsync("/3/image/" + id);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_Is400_AndDeletesNothing()
    {
        using var api = await app.AnonymousClientAsync();
        var image = await api.UploadAsync(TestImages.Png());
        var path = "/delete/" + image.GetProperty("deletehash").GetString();
        using var browser = new BrowserSession(app);
        await browser.GetAsync(path);

        using var posted = await browser.PostAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        using var stillThere = await api.GetAsync("/3/image/" + image.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }
}
