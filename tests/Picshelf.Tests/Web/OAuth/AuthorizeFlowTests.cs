using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web.OAuth;

/// <summary>The authorize page end to end: a person signs up, registers an application and authorizes it.</summary>
public sealed class AuthorizeFlowTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private const string Callback = "https://uploader.example/oauth/callback?from=picshelf";

    private static Dictionary<string, string> FragmentOf(Uri location) =>
        QueryHelpers.ParseQuery("?" + location.Fragment.TrimStart('#')).ToDictionary(p => p.Key, p => p.Value.ToString());

    private static Dictionary<string, string> QueryOf(Uri location) =>
        QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    private static async Task<HttpResponseMessage> ConsentAsync(BrowserSession browser, string query, string decision)
    {
        using var consent = await browser.GetAsync("/oauth2/authorize?" + query);
        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        var fields = QueryHelpers.ParseQuery("?" + query);
        // As the page's form does: a state field only when the request had one.
        var state = fields.TryGetValue("state", out var sent) ? new[] { ("state", sent.ToString()) } : [];
        return await browser.SubmitAsync("/oauth2/authorize", [("client_id", fields["client_id"].ToString()),
            ("response_type", fields["response_type"].ToString()), .. state, ("decision", decision)]);
    }

    [Fact]
    public async Task Token_Allow_RedirectsToTheRegisteredUrlWithTokensInTheFragment_AndTheTokenWorks()
    {
        using var browser = new BrowserSession(app);
        var username = await browser.SignUpAsync();
        var (clientId, _) = await browser.RegisterApplicationAsync(Callback);

        using var consent = await browser.GetAsync($"/oauth2/authorize?client_id={clientId}&response_type=token&state=xyz%20123&redirect_uri=https%3A%2F%2Fevil.example%2F");
        Assert.Contains("Authorize My uploader", browser.LastPage, StringComparison.Ordinal);
        using var allowed = await browser.SubmitAsync("/oauth2/authorize", ("client_id", clientId), ("response_type", "token"), ("state", "xyz 123"), ("decision", "allow"));

        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        var location = allowed.Headers.Location!;
        Assert.StartsWith(Callback + "#", location.OriginalString, StringComparison.Ordinal);
        var fragment = FragmentOf(location);
        Assert.Equal(["access_token", "expires_in", "token_type", "refresh_token", "account_username", "account_id", "state"], fragment.Keys);
        Assert.Equal("xyz 123", fragment["state"]);
        Assert.Equal(username, fragment["account_username"]);
        Assert.Equal("bearer", fragment["token_type"]);
        Assert.True(int.Parse(fragment["account_id"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        using var bearer = app.BearerClient(fragment["access_token"]);
        using var credits = await bearer.GetAsync("/3/credits");
        Assert.Equal(HttpStatusCode.OK, credits.StatusCode);
    }

    [Fact]
    public async Task Token_Deny_RedirectsWithAccessDeniedAndState_AndIssuesNothing()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var (clientId, _) = await browser.RegisterApplicationAsync(Callback);

        using var denied = await ConsentAsync(browser, $"client_id={clientId}&response_type=token&state=s1", "deny");

        var fragment = FragmentOf(denied.Headers.Location!);
        Assert.Equal("access_denied", fragment["error"]);
        Assert.Equal("s1", fragment["state"]);
        Assert.False(await app.WithDbAsync(db => db.AccessGrants.AnyAsync(g => g.ClientId == clientId)));
    }

    [Fact]
    public async Task Code_IsExchangedOnce_ForTokens()
    {
        using var browser = new BrowserSession(app);
        var username = await browser.SignUpAsync();
        var (clientId, secret) = await browser.RegisterApplicationAsync(Callback);

        using var allowed = await ConsentAsync(browser, $"client_id={clientId}&response_type=code&state=abc", "allow");
        var query = QueryOf(allowed.Headers.Location!);
        Assert.Equal("picshelf", query["from"]);
        Assert.Equal("abc", query["state"]);

        using var http = app.CreateClient();
        var exchange = () => http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId, ["client_secret"] = secret, ["grant_type"] = "authorization_code", ["code"] = query["code"],
        }));
        using var first = await exchange();
        using var replay = await exchange();

        var token = await Envelope.ReadAsync(first);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(username, token.GetProperty("account_username").GetString());
        Assert.Equal("Authorization code doesn't exist or is invalid for the client", await Envelope.ErrorAsync(replay, 400));
    }

    [Theory]
    [InlineData("&state=", "")]
    [InlineData("&state=%20%20", "  ")]
    [InlineData("", null)]
    public async Task Code_Allow_RoundTripsAnEmptyOrBlankStateExactly_AndAddsNoneWhenNoneWasSent(string stateParameter, string? expected)
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var (clientId, _) = await browser.RegisterApplicationAsync(Callback);

        using var allowed = await ConsentAsync(browser, $"client_id={clientId}&response_type=code{stateParameter}", "allow");
        var query = QueryOf(allowed.Headers.Location!);

        Assert.True(query.ContainsKey("code"));
        Assert.Equal(expected, query.TryGetValue("state", out var state) ? state : null);
    }

    [Fact]
    public async Task Code_Deny_PutsAccessDeniedInTheQuery()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var (clientId, _) = await browser.RegisterApplicationAsync(Callback);

        using var denied = await ConsentAsync(browser, $"client_id={clientId}&response_type=code&state=q", "deny");

        var query = QueryOf(denied.Headers.Location!);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("q", query["state"]);
    }

    [Fact]
    public async Task Pin_IsShownOnThePage_ForAnApplicationWithoutCallback_AndWorksOnceForItsOwnClient()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var (clientId, secret) = await browser.RegisterApplicationAsync(redirectUri: null, name: "ShareX");
        var (otherId, otherSecret) = await browser.RegisterApplicationAsync(redirectUri: null, name: "Other");

        using var allowed = await ConsentAsync(browser, $"client_id={clientId}&response_type=pin", "allow");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var pin = browser.Field("pin");

        using var http = app.CreateClient();
        Task<HttpResponseMessage> Exchange(string id, string clientSecret) => http.PostAsync("/oauth2/token", new MultipartFormDataContent
        {
            { new StringContent(id), "client_id" }, { new StringContent(clientSecret), "client_secret" },
            { new StringContent("pin"), "grant_type" }, { new StringContent(pin.ToLowerInvariant()), "pin" },
        });
        using var otherClient = await Exchange(otherId, otherSecret);
        using var first = await Exchange(clientId, secret);
        using var replay = await Exchange(clientId, secret);

        Assert.Equal("PIN doesn't exist or is invalid for the client", await Envelope.ErrorAsync(otherClient, 400));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("PIN doesn't exist or is invalid for the client", await Envelope.ErrorAsync(replay, 400));
    }

    [Fact]
    public async Task NotSignedIn_IsSentToSignInAndBack()
    {
        using var owner = new BrowserSession(app);
        await owner.SignUpAsync();
        var (clientId, _) = await owner.RegisterApplicationAsync(Callback);
        using var visitor = new BrowserSession(app);

        using var response = await visitor.GetAsync($"/oauth2/authorize?client_id={clientId}&response_type=token&state=z");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var signIn = response.Headers.Location!;
        Assert.Equal("/signin", signIn.AbsolutePath);
        Assert.Equal($"/oauth2/authorize?client_id={clientId}&response_type=token&state=z", QueryOf(signIn)["ReturnUrl"]);
    }

    [Theory]
    [InlineData("client_id=000000000000000&response_type=token", "No application is registered")]
    [InlineData("response_type=token", "No application is registered")]
    [InlineData("client_id={pin}&response_type=token", "can only use response_type=pin")]
    [InlineData("client_id={callback}&response_type=id_token", "response_type must be token, code or pin")]
    [InlineData("client_id=picshelf-site&response_type=pin", "is this site&#x27;s own application: it cannot be authorized")]
    public async Task BadRequests_ShowAnErrorPage_AndRedirectNowhere(string query, string message)
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var (pinClient, _) = await browser.RegisterApplicationAsync(redirectUri: null);
        var (callbackClient, _) = await browser.RegisterApplicationAsync(Callback);

        using var response = await browser.GetAsync("/oauth2/authorize?" + query.Replace("{pin}", pinClient, StringComparison.Ordinal).Replace("{callback}", callbackClient, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains(message, browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedConsent_WithoutAntiforgeryToken_IssuesNothing()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var (clientId, _) = await browser.RegisterApplicationAsync(Callback);
        await browser.GetAsync($"/oauth2/authorize?client_id={clientId}&response_type=token");

        using var forged = await browser.PostAsync("/oauth2/authorize", ("client_id", clientId), ("response_type", "token"), ("decision", "allow"));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(forged.Headers.Location);
        Assert.False(await app.WithDbAsync(db => db.AccessGrants.AnyAsync(g => g.ClientId == clientId)));
    }
}
