using System.Net;
using Microsoft.EntityFrameworkCore;
using Picshelf.OAuth;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// "My uploads" (<c>/account/uploads</c>) lists the signed-in account's images newest first with their thumbnails, and its
/// title and delete forms change them as the API would, for their owner only; a signed-out visitor signs in first.
/// </summary>
public sealed class UploadsPageTests(UploadsPageTests.App app) : IClassFixture<UploadsPageTests.App>
{
    /// <summary>An account's hour of credits holds 50 uploads; the paging test uploads more than a page of 60.</summary>
    public sealed class App : PicshelfApp
    {
        public App() => With("RateLimits:UserCreditsPerHour", "5000");
    }

    /// <summary>An account with images uploaded through the API.</summary>
    private async Task<(SignedInClient Api, List<string> Ids)> AccountWithImagesAsync(int count)
    {
        var api = await app.SignedInClientAsync();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await api.Http.UploadAsync(TestImages.Png(20 + i, 20))).GetProperty("id").GetString()!);
        }
        return (api, ids);
    }

    private async Task<BrowserSession> SignedInBrowserAsync(SignedInClient api)
    {
        var browser = new BrowserSession(app);
        await browser.SignInAsync(api.Username);
        return browser;
    }

    private static Task<string?> TitleAsync(SignedInClient api, string id) => FieldAsync(api, id, "title");

    private static async Task<string?> FieldAsync(SignedInClient api, string id, string field)
    {
        using var response = await api.Http.GetAsync($"/3/image/{id}");
        var value = (await Envelope.DataAsync(response)).GetProperty(field);
        return value.ValueKind == System.Text.Json.JsonValueKind.Null ? null : value.GetString();
    }

    [Fact]
    public async Task TheAccountsImages_AreListedInTheApisOrder_NewestFirst_WithThumbnailsThatServe()
    {
        var (api, ids) = await AccountWithImagesAsync(3);
        using var browser = await SignedInBrowserAsync(api);
        using var listing = await api.Http.GetAsync("/3/account/me/images");
        var apiOrder = (await Envelope.DataAsync(listing)).EnumerateArray().Select(image => image.GetProperty("id").GetString()!).ToList();

        using var page = await browser.GetAsync("/account/uploads");
        var html = browser.LastPage!;
        var pageOrder = System.Text.RegularExpressions.Regex.Matches(html, @"<img src=""[^""]*/([A-Za-z0-9]+)b\.png""").Select(match => match.Groups[1].Value).ToList();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(ids.Order(StringComparer.Ordinal), pageOrder.Order(StringComparer.Ordinal));
        Assert.Equal(apiOrder, pageOrder);
        using var thumbnail = await app.CreateClient().GetAsync($"/{ids[0]}b.png");
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.StartsWith("image/", thumbnail.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingATitle_ChangesItForTheApi_AndShowsMarkupAsText()
    {
        var (api, ids) = await AccountWithImagesAsync(1);
        using var browser = await SignedInBrowserAsync(api);
        const string title = "<script>alert(1)</script> holiday";

        await browser.GetAsync("/account/uploads");
        using var saved = await browser.SubmitAsync("/account/uploads?handler=Details", ("id", ids[0]), ("title", title), ("page", "1"));
        using var page = await browser.GetAsync("/account/uploads");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(title, await TitleAsync(api, ids[0]));
        Assert.DoesNotContain("<script>alert", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; holiday", browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDescription_IsEditedBesideTheTitle_AndAFieldTheFormLeavesOutStays()
    {
        var (api, ids) = await AccountWithImagesAsync(1);
        using var browser = await SignedInBrowserAsync(api);

        await browser.GetAsync("/account/uploads");
        using var both = await browser.SubmitAsync("/account/uploads?handler=Details", ("id", ids[0]), ("title", "Harbour"),
            ("description", "Boats <b>at dusk</b>"), ("page", "1"));
        using var page = await browser.GetAsync("/account/uploads");
        var shown = browser.LastPage!;
        using var cleared = await browser.SubmitAsync("/account/uploads?handler=Details", ("id", ids[0]), ("description", ""), ("page", "1"));

        Assert.Equal(HttpStatusCode.Redirect, both.StatusCode);
        Assert.Contains("Boats &lt;b&gt;at dusk&lt;/b&gt;</textarea>", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Equal("Harbour", await TitleAsync(api, ids[0]));
        Assert.Null(await FieldAsync(api, ids[0], "description"));
    }

    [Fact]
    public async Task ADescriptionOverTheLimit_IsTheApisRefusal_AndNothingChanges()
    {
        var (api, ids) = await AccountWithImagesAsync(1);
        using var browser = await SignedInBrowserAsync(api);

        await browser.GetAsync("/account/uploads");
        using var refused = await browser.SubmitAsync("/account/uploads?handler=Details", ("id", ids[0]), ("title", "Never saved"),
            ("description", new string('d', Picshelf.Images.ImageLimits.DescriptionLength + 1)), ("page", "1"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"The description is longer than {Picshelf.Images.ImageLimits.DescriptionLength} characters", browser.LastPage, StringComparison.Ordinal);
        Assert.Null(await TitleAsync(api, ids[0]));
    }

    [Fact]
    public async Task MoreImagesThanAPage_GoOnThePagesAfter_ReachedByTheOlderAndNewerLinks()
    {
        var (api, ids) = await AccountWithImagesAsync(Picshelf.Web.UploadsModel.PerPage + 1);
        using var browser = await SignedInBrowserAsync(api);

        using var first = await browser.GetAsync("/account/uploads");
        var firstPage = browser.LastPage!;
        using var second = await browser.GetAsync("/account/uploads?page=2");
        var secondPage = browser.LastPage!;
        using var past = await browser.GetAsync("/account/uploads?page=3");

        using var listing = await api.Http.GetAsync("/3/account/me/images?perPage=100");
        var apiOrder = (await Envelope.DataAsync(listing)).EnumerateArray().Select(image => image.GetProperty("id").GetString()!).ToList();

        Assert.Contains(@"href=""/account/uploads?page=2"" rel=""next""", firstPage, StringComparison.Ordinal);
        Assert.Equal(Picshelf.Web.UploadsModel.PerPage, Picked(firstPage).Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), apiOrder.Order(StringComparer.Ordinal));
        Assert.Equal(apiOrder, Picked(firstPage).Concat(Picked(secondPage)));
        Assert.Contains(@"href=""/account/uploads"" rel=""prev""", secondPage, StringComparison.Ordinal);
        Assert.DoesNotContain(@"rel=""next""", secondPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Contains("No images on this page.", browser.LastPage, StringComparison.Ordinal);
    }

    /// <summary>The images a page lists, by their tick boxes, in order.</summary>
    private static List<string> Picked(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, @"id=""pick-([A-Za-z0-9]+)""").Select(match => match.Groups[1].Value).ToList();

    [Fact]
    public async Task Deleting_RemovesTheImageForTheApi()
    {
        var (api, ids) = await AccountWithImagesAsync(2);
        using var browser = await SignedInBrowserAsync(api);

        await browser.GetAsync("/account/uploads");
        using var deleted = await browser.SubmitAsync("/account/uploads?handler=Delete", ("id", ids[0]), ("page", "1"));
        using var gone = await api.Http.GetAsync($"/3/image/{ids[0]}");
        using var kept = await api.Http.GetAsync($"/3/image/{ids[1]}");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task AnotherAccountsImage_Is403_OnBothForms_AndNothingChanges()
    {
        var (owner, ids) = await AccountWithImagesAsync(1);
        var (stranger, _) = await AccountWithImagesAsync(0);
        using var browser = await SignedInBrowserAsync(stranger);

        await browser.GetAsync("/account/uploads");
        using var retitled = await browser.SubmitAsync("/account/uploads?handler=Details", ("id", ids[0]), ("title", "mine now"), ("page", "1"));
        var retitledPage = browser.LastPage!;
        using var deleted = await browser.SubmitAsync("/account/uploads?handler=Delete", ("id", ids[0]), ("page", "1"));

        Assert.Equal(HttpStatusCode.Forbidden, retitled.StatusCode);
        Assert.Contains("You are not the owner of this image", retitledPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, deleted.StatusCode);
        Assert.Null(await TitleAsync(owner, ids[0]));
    }

    [Fact]
    public async Task AFormWithoutItsAntiforgeryToken_IsRefused_AndNothingChanges()
    {
        var (api, ids) = await AccountWithImagesAsync(1);
        using var browser = await SignedInBrowserAsync(api);

        using var forged = await browser.PostAsync("/account/uploads?handler=Delete", ("id", ids[0]), ("page", "1"));
        using var still = await api.Http.GetAsync($"/3/image/{ids[0]}");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    private Task<int> AlbumsOfAsync(int accountId) => app.WithDbAsync(db => db.Albums.CountAsync(a => a.AccountId == accountId));

    [Fact]
    public async Task TickedImages_BecomeAnAlbumOfTheAccount_InTheOrderPosted_MadeByTheSiteApplication()
    {
        var (api, ids) = await AccountWithImagesAsync(3);
        using var browser = await SignedInBrowserAsync(api);

        await browser.GetAsync("/account/uploads");
        Assert.Contains($@"name=""ids"" value=""{ids[0]}"" form=""make-album""", browser.LastPage, StringComparison.Ordinal);
        using var made = await browser.SubmitAsync("/account/uploads?handler=Album",
            ("ids", ids[2]), ("ids", ids[0]), ("ids", ids[1]), ("title", "Made on the page"), ("page", "1"));

        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var albumId = made.Headers.Location!.AbsolutePath.Split('/')[^1];
        Assert.Equal($"/a/{albumId}", made.Headers.Location.AbsolutePath);
        using var album = await api.Http.GetAsync($"/3/album/{albumId}");
        var data = await Envelope.DataAsync(album);
        Assert.Equal("Made on the page", data.GetProperty("title").GetString());
        Assert.Equal(api.Username, data.GetProperty("account_url").GetString());
        Assert.Equal([ids[2], ids[0], ids[1]], data.GetProperty("images").EnumerateArray().Select(image => image.GetProperty("id").GetString()!));
        Assert.Equal(SiteApplication.ClientId, await app.WithDbAsync(db => db.Albums.Where(a => a.Id == albumId).Select(a => a.ClientId).SingleAsync()));
    }

    [Fact]
    public async Task MakingAnAlbumOfNothing_OrOfAnotherAccountsImage_SaysWhyOnThePage_AndMakesNoAlbum()
    {
        var (owner, ids) = await AccountWithImagesAsync(1);
        var (other, mine) = await AccountWithImagesAsync(1);
        using var browser = await SignedInBrowserAsync(other);

        await browser.GetAsync("/account/uploads");
        using var none = await browser.SubmitAsync("/account/uploads?handler=Album", ("title", "empty"), ("page", "1"));
        var nonePage = browser.LastPage!;
        using var theirs = await browser.SubmitAsync("/account/uploads?handler=Album", ("ids", mine[0]), ("ids", ids[0]), ("page", "1"));

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("Select at least one image to make an album", nonePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
        Assert.Contains($"You are not the owner of image {ids[0]}", browser.LastPage, StringComparison.Ordinal);
        Assert.Equal(0, await AlbumsOfAsync(other.AccountId));
        Assert.Equal(0, await AlbumsOfAsync(owner.AccountId));
    }
}
