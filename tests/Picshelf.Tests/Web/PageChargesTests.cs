using System.Net;
using System.Net.Http.Headers;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// A change made by a page's form is charged as the API charges the same call: a signed-in visitor as their account
/// through the site's application (<c>picshelf-site</c>), a signed-out one on their address's credits without credentials.
/// A spent budget is the API's 429, with its message and Retry-After, on the page, and nothing changes.
/// </summary>
public sealed class PageChargesTests : IAsyncLifetime
{
    private readonly PicshelfApp app = new PicshelfApp().With("RateLimits:AnonymousCreditsPerHour", "1");

    // The operator gives the site's application two credits an hour per account: the third change by form is refused.
    public async Task InitializeAsync() =>
        await app.ChangeLimitsAsync("picshelf-site", new Picshelf.RateLimits.ClientLimitsAdministration.Change(null, 2, null, false));

    /// <summary>Opens the page and sends its form, as a visitor does each time.</summary>
    private static async Task<HttpResponseMessage> SubmitFromAsync(BrowserSession browser, string page, string action, params (string, string)[] fields)
    {
        await browser.GetAsync(page);
        return await browser.SubmitAsync(action, fields);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static void AssertRefusedForCredits(HttpResponseMessage refused, string page)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("text/html", refused.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("credits", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VotesAndComments_AreChargedToTheSiteApplication_AndPastTheAccountsCredits_ThePostPageSays429_AndStoresNothing()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Charged");
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        using var site = app.CreateClient();
        site.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Client-ID", "picshelf-site");
        var before = (await Envelope.DataAsync(await site.GetAsync("/3/credits"))).GetProperty("ClientRemaining").GetInt64();

        using var voted = await SubmitFromAsync(browser, "/gallery/" + id, $"/gallery/{id}?handler=Vote", ("vote", "up"));
        using var commented = await SubmitFromAsync(browser, "/gallery/" + id, $"/gallery/{id}?handler=Comment", ("comment", "first"));
        using var refused = await SubmitFromAsync(browser, "/gallery/" + id, $"/gallery/{id}?handler=Comment", ("comment", "one too many"));
        var after = (await Envelope.DataAsync(await site.GetAsync("/3/credits"))).GetProperty("ClientRemaining").GetInt64();
        using var count = await owner.Http.GetAsync($"/3/gallery/{id}/comments/count");

        Assert.Equal(HttpStatusCode.Redirect, voted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, commented.StatusCode);
        Assert.Equal(before - 2, after);
        AssertRefusedForCredits(refused, browser.Field("error"));
        Assert.Contains("You have 0 of your 2 credits with this application for this hour left", browser.Field("error"), StringComparison.Ordinal);
        Assert.Equal(1, (await Envelope.DataAsync(count)).GetInt32());
    }

    [Fact]
    public async Task PastTheAccountsCredits_MyUploadsTitleFormSays429_AndTheTitleStays()
    {
        var api = await app.SignedInClientAsync();
        var id = (await api.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        using var browser = new BrowserSession(app);
        await browser.SignInAsync(api.Username);

        using var first = await SubmitFromAsync(browser, "/account/uploads", "/account/uploads?handler=Details", ("id", id), ("title", "one"), ("page", "1"));
        using var second = await SubmitFromAsync(browser, "/account/uploads", "/account/uploads?handler=Details", ("id", id), ("title", "two"), ("page", "1"));
        using var refused = await SubmitFromAsync(browser, "/account/uploads", "/account/uploads?handler=Details", ("id", id), ("title", "three"), ("page", "1"));
        using var image = await api.Http.GetAsync($"/3/image/{id}");

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        AssertRefusedForCredits(refused, browser.LastPage!);
        Assert.Equal("two", (await Envelope.DataAsync(image)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task PastTheAccountsCredits_TheSettingsFormSays429_AndSavesNothing()
    {
        using var browser = new BrowserSession(app);
        var username = await browser.SignUpAsync();
        (string, string)[] form = [("username", username), ("bio", "saved"), ("album_privacy", "public")];

        using var first = await SubmitFromAsync(browser, "/account/settings", "/account/settings?handler=Save", form);
        using var second = await SubmitFromAsync(browser, "/account/settings", "/account/settings?handler=Save", form);
        using var refused = await SubmitFromAsync(browser, "/account/settings", "/account/settings?handler=Save",
            ("username", username), ("bio", "refused"), ("album_privacy", "public"));
        var refusedPage = browser.LastPage!;
        await browser.GetAsync("/account/settings");

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        AssertRefusedForCredits(refused, refusedPage);
        Assert.Contains(">saved</textarea>", browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeletionLink_IsChargedToTheVisitorsAddress_AndPastItsCreditsSays429_AndDeletesNothing()
    {
        using var api = await app.AnonymousClientAsync();
        var hashes = new List<string>();
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var image = await api.UploadAsync(TestImages.Png(20 + i, 20));
            ids.Add(image.GetProperty("id").GetString()!);
            hashes.Add(image.GetProperty("deletehash").GetString()!);
        }
        using var browser = new BrowserSession(app);
        await browser.GetAsync("/delete/" + hashes[0]);
        using var deleted = await browser.SubmitAsync("/delete/" + hashes[0]);
        await browser.GetAsync("/delete/" + hashes[1]);

        using var refused = await browser.SubmitAsync("/delete/" + hashes[1]);
        using var kept = await api.GetAsync("/3/image/" + ids[1]);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        AssertRefusedForCredits(refused, browser.Field("error"));
        Assert.Contains("This address has 0 of its 1 credits without credentials", browser.Field("error"), StringComparison.Ordinal);
        Assert.Contains("Delete the image", browser.LastPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }
}
