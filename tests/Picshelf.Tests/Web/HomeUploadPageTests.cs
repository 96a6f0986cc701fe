using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Picshelf.OAuth;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// The home page is the upload page: it hands its script the site application's id, the API's size limit and, for a
/// signed-in visitor, a short-lived token of the site application for that account, reused while the sign-in lasts and
/// revoked at sign-out.
/// </summary>
public sealed partial class HomeUploadPageTests(HomeUploadPageTests.App app) : IClassFixture<HomeUploadPageTests.App>
{
    public const long MaxImageBytes = 123_456;

    public sealed class App : PicshelfApp
    {
        public App() => With("Uploads:MaxImageBytes", MaxImageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"data-([a-z-]+)=""([^""]*)""")]
    private static partial Regex DataAttribute();

    private static Dictionary<string, string> Attributes(string page) =>
        DataAttribute().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));

    private async Task<HttpStatusCode> AsBearerAsync(string token, string path, Action<string>? body = null)
    {
        using var http = app.BearerClient(token);
        using var response = await http.GetAsync(path);
        body?.Invoke(await response.Content.ReadAsStringAsync());
        return response.StatusCode;
    }

    private Task<int> SiteTokensOfAsync(string username) => app.WithDbAsync(db => (
        from token in db.AccessTokens
        join grant in db.AccessGrants on token.GrantId equals grant.Id
        join account in db.Accounts on grant.AccountId equals account.Id
        where grant.ClientId == SiteApplication.ClientId && account.Username == username
        select token.Id).CountAsync());

    [Fact]
    public async Task SignedOut_ThePageGivesTheScriptTheSiteApplicationAndTheApisLimit_ButNoToken()
    {
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync("/");
        var data = Attributes(browser.LastPage!);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl is { NoStore: true, NoCache: true }, page.Headers.CacheControl?.ToString());
        Assert.Equal(SiteApplication.ClientId, data["client-id"]);
        Assert.Equal(MaxImageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), data["max-bytes"]);
        Assert.Equal("File is over the size limit", data["too-large"]);
        Assert.Equal("", data["access-token"]);
        Assert.Contains(@"<script src=""/static/upload.js"" defer></script>", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains("Uploading from this page needs JavaScript", browser.LastPage, StringComparison.Ordinal);
        Assert.False(page.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(UploadTokensCookie, StringComparison.Ordinal)));
        using var script = await app.CreateClient().GetAsync("/static/upload.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    private const string UploadTokensCookie = "picshelf-upload=";

    [Fact]
    public async Task SignedIn_TheTokenIsTheAccountsOwn_ShortLived_ReusedByLaterViews_AndRevokedAtSignOut()
    {
        using var browser = new BrowserSession(app);
        var username = await browser.SignUpAsync();
        using var other = new BrowserSession(app);
        await other.SignUpAsync();

        await browser.GetAsync("/");
        var token = Attributes(browser.LastPage!)["access-token"];
        await browser.GetAsync("/");
        var again = Attributes(browser.LastPage!)["access-token"];
        await other.GetAsync("/");
        var othersToken = Attributes(other.LastPage!)["access-token"];

        Assert.NotEqual("", token);
        Assert.Equal(token, again);
        Assert.NotEqual(token, othersToken);
        Assert.Equal(1, await SiteTokensOfAsync(username));
        string? me = null;
        Assert.Equal(HttpStatusCode.OK, await AsBearerAsync(token, "/3/account/me", body => me = body));
        Assert.Contains($@"""url"":""{username}""", me, StringComparison.Ordinal);
        string? secret = null;
        Assert.Equal(HttpStatusCode.OK, await AsBearerAsync(token, "/oauth2/secret", body => secret = body));
        var expiresIn = long.Parse(Regex.Match(secret!, @"""expires_in"":(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiresIn, 1, (long)Picshelf.Web.UploadTokens.Lifetime.TotalSeconds);

        await browser.GetAsync("/");
        using var signedOut = await browser.SubmitAsync("/signout");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, await AsBearerAsync(token, "/3/credits"));
        Assert.Equal(0, await SiteTokensOfAsync(username));
        await browser.SignInAsync(username);
        await browser.GetAsync("/");
        var afterSignIn = Attributes(browser.LastPage!)["access-token"];
        Assert.NotEqual(token, afterSignIn);
        Assert.Equal(HttpStatusCode.OK, await AsBearerAsync(afterSignIn, "/3/credits"));
    }

    [Fact]
    public async Task SignedIn_AnUploadWithTheToken_IsTheAccountsAndListedOnMyUploads()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        await browser.GetAsync("/");
        using var api = app.BearerClient(Attributes(browser.LastPage!)["access-token"]);

        var image = await api.UploadAsync(TestImages.Png());
        await browser.GetAsync("/account/uploads");

        Assert.Contains(image.GetProperty("id").GetString()!, browser.LastPage, StringComparison.Ordinal);
        Assert.Equal(SiteApplication.ClientId, await app.WithDbAsync(db => db.Images.Where(i => i.Id == image.GetProperty("id").GetString()).Select(i => i.ClientId).SingleAsync()));
    }
}
