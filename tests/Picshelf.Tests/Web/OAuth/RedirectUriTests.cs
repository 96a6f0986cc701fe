using System.Net;
using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web.OAuth;

/// <summary>Where an application may have its tokens and codes sent, and that the consent page says where that is.</summary>
public sealed class RedirectUriTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Theory]
    [InlineData("http://user:pass@evil.example/cb", "must not hold a user name or password")]
    [InlineData("https://app.example@evil.example/cb", "must not hold a user name or password")]
    [InlineData("com.example.app://user@host/cb", "must not hold a user name or password")]
    [InlineData("https://app.example/cb#frag", "must not have a fragment")]
    [InlineData("https://app.example/cb#", "must not have a fragment")]
    [InlineData("javascript:alert(1)", "may not use the javascript: scheme")]
    [InlineData("JavaScript:alert(1)", "may not use the javascript: scheme")]
    [InlineData("data:text/html,<script>alert(1)</script>", "may not use the data: scheme")]
    [InlineData("view-source:https://app.example/cb", "may not use the view-source: scheme")]
    [InlineData("feed:javascript:alert(1)", "may not use the feed: scheme")]
    [InlineData("feed://app.example/cb", "may not use the feed: scheme")]
    [InlineData("http://app.example/cb", "may use http only to this computer")]
    [InlineData("http://10.0.0.1/cb", "may use http only to this computer")]
    [InlineData("http://localhost.evil.example/cb", "may use http only to this computer")]
    [InlineData("myapp://callback", "only in reverse-domain form")]
    [InlineData("com:/callback", "only in reverse-domain form")]
    [InlineData("/callback", "must be an absolute URL")]
    [InlineData("app.example/callback", "must be an absolute URL")]
    [InlineData("https:/callback", "must be an absolute URL")]
    [InlineData("https://app.example\\@evil.example/cb", "without spaces, control characters or backslashes")]
    [InlineData("https://app.example/c b", "without spaces, control characters or backslashes")]
    public async Task ARegistration_RefusesTheRedirect_With400SayingWhy_AndRegistersNothing(string redirect, string why)
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var before = await app.WithDbAsync(db => db.Clients.CountAsync());
        await browser.GetAsync("/oauth2/addclient");

        using var response = await browser.SubmitAsync("/oauth2/addclient", ("name", "App"), ("kind", "callback"), ("redirect_uri", redirect));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(why), ErrorOf(browser.LastPage!), StringComparison.Ordinal);
        Assert.StartsWith("The redirect URL ", ErrorOf(browser.LastPage!), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Clients.CountAsync()));
    }

    [Theory]
    [InlineData("https://app.example/cb", "app.example")]
    [InlineData("https://app.example:8443/oauth/cb?from=picshelf", "app.example:8443")]
    [InlineData("http://127.0.0.1:8080/cb", "127.0.0.1:8080")]
    [InlineData("http://[::1]:8080/cb", "[::1]:8080")]
    [InlineData("http://localhost/cb", "localhost")]
    [InlineData("com.example.uploader:/oauth2redirect", "com.example.uploader:")]
    [InlineData("com.example.uploader://callback", "com.example.uploader:")]
    public async Task ARegistration_TakesTheRedirect_AndTheConsentPageNamesWhereItGoes(string redirect, string destination)
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();

        var (clientId, _) = await browser.RegisterApplicationAsync(redirect);
        await browser.GetAsync($"/oauth2/authorize?client_id={clientId}&response_type=code");

        Assert.Equal(redirect, (await app.WithDbAsync(db => db.Clients.SingleAsync(c => c.Id == clientId))).RedirectUri);
        Assert.Equal(destination, browser.Field("destination"));
    }

    [Theory]
    [InlineData("view-source:https://app.example/cb", "code")]
    [InlineData("feed:javascript:alert(1)", "token")]
    [InlineData("https://app.example@evil.example/cb", "code")]
    [InlineData("http://app.example/cb", "token")]
    [InlineData("myapp://callback", "pin")]
    public async Task AnApplicationRegisteredBeforeTheRules_IsNotAuthorized_AndNothingIsSentToItsUrl(string stored, string responseType)
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var (clientId, _) = await browser.RegisterApplicationAsync("https://app.example/cb", "App");
        await browser.GetAsync($"/oauth2/authorize?client_id={clientId}&response_type={responseType}");
        var consentToken = browser.AntiforgeryToken();
        await app.WithDbAsync(db => db.Clients.Where(c => c.Id == clientId).ExecuteUpdateAsync(set => set.SetProperty(c => c.RedirectUri, stored)));

        using var denied = await browser.PostAsync("/oauth2/authorize", ("__RequestVerificationToken", consentToken), ("client_id", clientId), ("response_type", responseType), ("state", "s"), ("decision", "deny"));
        var deniedPage = browser.LastPage!;
        using var allowed = await browser.PostAsync("/oauth2/authorize", ("__RequestVerificationToken", consentToken), ("client_id", clientId), ("response_type", responseType), ("state", "s"), ("decision", "allow"));
        var allowedPage = browser.LastPage!;
        using var shown = await browser.GetAsync($"/oauth2/authorize?client_id={clientId}&response_type={responseType}");

        foreach (var (response, page) in new[] { (denied, deniedPage), (allowed, allowedPage), (shown, browser.LastPage!) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.StartsWith("App cannot be authorized: its callback URL was registered before today", WebUtility.HtmlDecode(ErrorOf(page)), StringComparison.Ordinal);
        }
        Assert.False(await app.WithDbAsync(db => db.AccessGrants.AnyAsync(g => g.ClientId == clientId)));
        Assert.False(await app.WithDbAsync(db => db.AuthorizationCodes.AnyAsync(c => c.ClientId == clientId)));
    }

    [Fact]
    public async Task TheConsentPageOfAPinApplication_SaysItShowsAPin()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var (clientId, _) = await browser.RegisterApplicationAsync(null);

        await browser.GetAsync($"/oauth2/authorize?client_id={clientId}&response_type=pin");

        Assert.Contains("shows a PIN", browser.LastPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"destination\"", browser.LastPage, StringComparison.Ordinal);
    }

    private static string ErrorOf(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "class=\"error\"[^>]*>([^<]*)<").Groups[1].Value;
}
