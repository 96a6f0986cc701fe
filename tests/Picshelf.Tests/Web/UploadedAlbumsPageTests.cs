using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// The albums tab of "your uploads" (<c>/account/uploads/albums</c>) lists every album of the signed-in account, hidden and
/// secret ones too, as <c>GET /3/account/me/albums</c> does; its forms change and delete them as <c>PUT</c> and
/// <c>DELETE /3/album/{id}</c> do, for their owner only, and a signed-out visitor signs in first.
/// </summary>
public sealed partial class UploadedAlbumsPageTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private const string Page = "/account/uploads/albums";

    private async Task<(SignedInClient Api, string Image)> AccountWithAnImageAsync()
    {
        var api = await app.SignedInClientAsync();
        return (api, (await api.Http.UploadAsync(TestImages.Png(24, 24))).GetProperty("id").GetString()!);
    }

    private async Task<BrowserSession> SignedInBrowserAsync(SignedInClient api)
    {
        var browser = new BrowserSession(app);
        await browser.SignInAsync(api.Username);
        return browser;
    }

    private static async Task<JsonElement> AlbumAsync(SignedInClient api, string id)
    {
        using var response = await api.Http.GetAsync($"/3/album/{id}");
        return await Envelope.DataAsync(response);
    }

    private static List<string> Listed(string html) => AlbumLink().Matches(html).Select(match => match.Groups[1].Value).ToList();

    [GeneratedRegex(@"<a href=""/a/([A-Za-z0-9]+)"">")]
    private static partial Regex AlbumLink();

    [Fact]
    public async Task EveryAlbumOfTheAccount_IsListedInTheApisOrder_HiddenAndSecretToo_WithItsCover()
    {
        var (api, image) = await AccountWithAnImageAsync();
        var (open, _) = await api.Http.CreateAlbumAsync(("ids", image), ("privacy", "public"), ("title", "Open"));
        var (hidden, _) = await api.Http.CreateAlbumAsync(("privacy", "hidden"), ("title", "Hidden"));
        var (secret, _) = await api.Http.CreateAlbumAsync(("privacy", "secret"), ("title", "Secret"));
        using var browser = await SignedInBrowserAsync(api);

        using var page = await browser.GetAsync(Page);
        using var listing = await api.Http.GetAsync("/3/account/me/albums");
        var apiOrder = (await Envelope.DataAsync(listing)).EnumerateArray().Select(album => album.GetProperty("id").GetString()!).ToList();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(new[] { open, hidden, secret }.Order(StringComparer.Ordinal), apiOrder.Order(StringComparer.Ordinal));
        Assert.Equal(apiOrder, Listed(browser.LastPage!));
        Assert.Contains("3 albums", browser.Field("album-count"), StringComparison.Ordinal);
        Assert.Contains($"/{image}b.jpg", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains(@"<option value=""secret"" selected=""selected"">", browser.LastPage, StringComparison.Ordinal);
        using var cover = await app.CreateClient().GetAsync($"/{image}b.jpg");
        Assert.Equal(HttpStatusCode.OK, cover.StatusCode);
    }

    [Fact]
    public async Task TheDetailsForm_ChangesTitleDescriptionAndPrivacyForTheApi_ShowingMarkupAsText()
    {
        var (api, image) = await AccountWithAnImageAsync();
        var (album, _) = await api.Http.CreateAlbumAsync(("ids", image), ("privacy", "public"), ("title", "Before"));
        using var browser = await SignedInBrowserAsync(api);

        await browser.GetAsync(Page);
        using var saved = await browser.SubmitAsync(Page + "?handler=Details", ("id", album), ("title", "<script>alert(1)</script> trip"),
            ("description", "Three days"), ("privacy", "hidden"), ("page", "1"));
        using var shown = await browser.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(Page, saved.Headers.Location!.OriginalString);
        var data = await AlbumAsync(api, album);
        Assert.Equal("<script>alert(1)</script> trip", data.GetProperty("title").GetString());
        Assert.Equal("Three days", data.GetProperty("description").GetString());
        Assert.Equal("hidden", data.GetProperty("privacy").GetString());
        Assert.Equal([image], data.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
        Assert.DoesNotContain("<script>alert", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; trip", browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPrivacy_OrMakingAGalleryAlbumSecret_IsTheApisRefusal_AndNothingChanges()
    {
        var (api, image) = await AccountWithAnImageAsync();
        var (album, _) = await api.Http.CreateAlbumAsync(("ids", image), ("privacy", "public"), ("title", "Shared"));
        using (var shared = await api.Http.PostAsync($"/3/gallery/album/{album}", Forms.Form(("title", "Shared"), ("terms", "1"))))
        {
            Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        }
        using var browser = await SignedInBrowserAsync(api);

        await browser.GetAsync(Page);
        using var unknown = await browser.SubmitAsync(Page + "?handler=Details", ("id", album), ("title", "Renamed"), ("privacy", "friends"), ("page", "1"));
        using var secret = await browser.SubmitAsync(Page + "?handler=Details", ("id", album), ("title", "Renamed"), ("privacy", "secret"), ("page", "1"));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, secret.StatusCode);
        Assert.Contains("remove it from the gallery first", browser.Field("error"), StringComparison.Ordinal);
        var data = await AlbumAsync(api, album);
        Assert.Equal("Shared", data.GetProperty("title").GetString());
        Assert.Equal("public", data.GetProperty("privacy").GetString());
    }

    [Fact]
    public async Task DeletingAnAlbum_RemovesItForTheApi_AndKeepsItsImages()
    {
        var (api, image) = await AccountWithAnImageAsync();
        var (album, _) = await api.Http.CreateAlbumAsync(("ids", image), ("title", "Going"));
        using var browser = await SignedInBrowserAsync(api);

        await browser.GetAsync(Page);
        using var deleted = await browser.SubmitAsync(Page + "?handler=Delete", ("id", album), ("page", "1"));
        using var gone = await api.Http.GetAsync($"/3/album/{album}");
        using var kept = await api.Http.GetAsync($"/3/image/{image}");
        using var after = await browser.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.DoesNotContain(album, browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherAccountsAlbum_Is403_OnBothForms_AndNothingChanges()
    {
        var (owner, image) = await AccountWithAnImageAsync();
        var (album, _) = await owner.Http.CreateAlbumAsync(("ids", image), ("title", "Theirs"));
        var (stranger, _) = await AccountWithAnImageAsync();
        using var browser = await SignedInBrowserAsync(stranger);

        await browser.GetAsync(Page);
        using var retitled = await browser.SubmitAsync(Page + "?handler=Details", ("id", album), ("title", "Mine now"), ("page", "1"));
        var retitledPage = browser.LastPage!;
        using var deleted = await browser.SubmitAsync(Page + "?handler=Delete", ("id", album), ("page", "1"));

        Assert.Equal(HttpStatusCode.Forbidden, retitled.StatusCode);
        Assert.Contains("You are not the owner of this album", retitledPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, deleted.StatusCode);
        Assert.Equal("Theirs", (await AlbumAsync(owner, album)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task MoreAlbumsThanAPage_GoOnThePagesAfter()
    {
        var (api, _) = await AccountWithAnImageAsync();
        for (var i = 0; i <= Picshelf.Web.UploadedAlbumsModel.PerPage; i++)
        {
            await api.Http.CreateAlbumAsync(("title", $"Album {i}"));
        }
        using var browser = await SignedInBrowserAsync(api);

        await browser.GetAsync(Page);
        var first = Listed(browser.LastPage!);
        var firstPage = browser.LastPage!;
        await browser.GetAsync(Page + "?page=2");
        var second = Listed(browser.LastPage!);

        Assert.Equal(Picshelf.Web.UploadedAlbumsModel.PerPage, first.Count);
        Assert.Contains(@"href=""/account/uploads/albums?page=2"" rel=""next""", firstPage, StringComparison.Ordinal);
        Assert.Single(second);
        Assert.DoesNotContain(second[0], first);
        Assert.Contains($"{Picshelf.Web.UploadedAlbumsModel.PerPage + 1} albums", browser.Field("album-count"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedOutVisitor_IsSentToSignIn_ThenBack()
    {
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.EndsWith("/signin?ReturnUrl=%2Faccount%2Fuploads%2Falbums", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
