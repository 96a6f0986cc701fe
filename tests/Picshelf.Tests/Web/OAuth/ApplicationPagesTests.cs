using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web.OAuth;

public sealed class ApplicationPagesTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task AddClient_NeedsASignedInUser()
    {
        using var browser = new BrowserSession(app);

        using var response = await browser.GetAsync("/oauth2/addclient");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task AddClient_ShowsIdAndSecret_StoresOnlyTheSecretsDigest_AndTheOwner()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();

        var (clientId, secret) = await browser.RegisterApplicationAsync("https://app.example/cb");

        Assert.Matches("^[0-9a-f]{15}$", clientId);
        Assert.Matches("^[0-9a-f]{40}$", secret);
        var stored = await app.WithDbAsync(db => db.Clients.SingleAsync(c => c.Id == clientId));
        Assert.NotEqual(secret, stored.SecretHash);
        Assert.NotNull(stored.OwnerAccountId);
        Assert.Equal("Uploads screenshots", stored.Description);
        using var list = await browser.GetAsync("/account/settings/apps");
        Assert.Contains(clientId, browser.LastPage, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, browser.LastPage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "callback", "https://app.example/cb", "application name")]
    [InlineData("App", "callback", "", "needs its callback URL")]
    [InlineData("App", "callback", "javascript:alert(1)", "may not use the javascript: scheme")]
    [InlineData("App", "callback", "https://app.example/cb#frag", "must not have a fragment")]
    public async Task AddClient_RefusesBadInput_AndRegistersNothing(string name, string kind, string redirect, string message)
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var before = await app.WithDbAsync(db => db.Clients.CountAsync());
        await browser.GetAsync("/oauth2/addclient");

        using var response = await browser.SubmitAsync("/oauth2/addclient", ("name", name), ("kind", kind), ("redirect_uri", redirect));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, browser.LastPage, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Clients.CountAsync()));
    }

    [Fact]
    public async Task ApplicationNamesAreEscaped_OnTheConsentPage()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var (clientId, _) = await browser.RegisterApplicationAsync("https://app.example/cb", name: "<script>alert(1)</script>");

        await browser.GetAsync($"/oauth2/authorize?client_id={clientId}&response_type=token");

        Assert.DoesNotContain("<script>alert(1)</script>", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeletedAccountsSession_EndsAtOnce()
    {
        using var browser = new BrowserSession(app);
        var name = await browser.SignUpAsync();
        var accountId = await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == name).Select(a => a.Id).SingleAsync());
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == accountId).ExecuteDeleteAsync());

        using var response = await browser.GetAsync("/oauth2/addclient");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task NewSecret_ReplacesTheOldOneAtOnce()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var (clientId, oldSecret) = await browser.RegisterApplicationAsync(redirectUri: null);
        await browser.GetAsync("/account/settings/apps");

        using var renewed = await browser.SubmitAsync("/account/settings/apps?handler=Regenerate", ("clientId", clientId));
        var newSecret = browser.Field("client-secret");

        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.NotEqual(oldSecret, newSecret);
        using var http = app.CreateClient();
        using var withOld = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = clientId, ["client_secret"] = oldSecret, ["grant_type"] = "pin", ["pin"] = "X" }));
        using var withNew = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = clientId, ["client_secret"] = newSecret, ["grant_type"] = "pin", ["pin"] = "X" }));
        Assert.Equal("Invalid client credentials", await Envelope.ErrorAsync(withOld, 400));
        Assert.Equal("PIN doesn't exist or is invalid for the client", await Envelope.ErrorAsync(withNew, 400));
    }

    [Fact]
    public async Task AnApplicationAUserAllowed_IsListedForThem_AndRevokingItStopsItsAccessAndRefreshTokens()
    {
        using var developer = new BrowserSession(app);
        await developer.SignUpAsync();
        var (clientId, secret) = await developer.RegisterApplicationAsync(redirectUri: null, name: "Photo syncer");
        using var user = new BrowserSession(app);
        await user.SignUpAsync();
        var pin = await user.AuthorizePinAsync(clientId);
        using var http = app.CreateClient();
        using var exchanged = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["client_id"] = clientId, ["client_secret"] = secret, ["grant_type"] = "pin", ["pin"] = pin }));
        var token = await Envelope.ReadAsync(exchanged);
        using var bearer = app.BearerClient(token.GetProperty("access_token").GetString()!);
        using (var before = await bearer.GetAsync("/3/account/me/settings"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await developer.GetAsync("/account/settings/apps");
        var developersList = developer.LastPage!;
        await developer.GetAsync("/account/settings/apps");
        using var notTheirs = await developer.SubmitAsync("/account/settings/apps?handler=Revoke", ("clientId", clientId));
        await user.GetAsync("/account/settings/apps");
        var listed = user.LastPage!;
        using var revoked = await user.SubmitAsync("/account/settings/apps?handler=Revoke", ("clientId", clientId));
        var afterRevoking = user.LastPage!;
        using var access = await bearer.GetAsync("/3/account/me/settings");
        using var refresh = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId, ["client_secret"] = secret, ["grant_type"] = "refresh_token",
            ["refresh_token"] = token.GetProperty("refresh_token").GetString()!,
        }));
        await user.GetAsync("/account/settings/apps");
        using var again = await user.SubmitAsync("/account/settings/apps?handler=Revoke", ("clientId", clientId));

        Assert.Contains("You have not allowed an application", developersList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Contains("<td>Photo syncer</td>", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Contains("no longer has access to your account", afterRevoking, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>Photo syncer</td>", afterRevoking, StringComparison.Ordinal);
        Assert.Equal("The access token provided is invalid.", await Envelope.ErrorAsync(access, 403));
        await Envelope.ErrorAsync(refresh, 400);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task DeletingAnApplication_KillsItsTokens_AndOnlyTheOwnerCanDoIt()
    {
        using var owner = new BrowserSession(app);
        await owner.SignUpAsync();
        var (clientId, secret) = await owner.RegisterApplicationAsync(redirectUri: null);
        var pin = await owner.AuthorizePinAsync(clientId);
        using var http = app.CreateClient();
        using var exchanged = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["client_id"] = clientId, ["client_secret"] = secret, ["grant_type"] = "pin", ["pin"] = pin }));
        var accessToken = (await Envelope.ReadAsync(exchanged)).GetProperty("access_token").GetString()!;
        using var bearer = app.BearerClient(accessToken);
        using (var before = await bearer.GetAsync("/3/credits"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var stranger = new BrowserSession(app);
        await stranger.SignUpAsync();
        await stranger.GetAsync("/account/settings/apps");
        using var notTheirs = await stranger.SubmitAsync("/account/settings/apps?handler=Delete", ("clientId", clientId));
        await owner.GetAsync("/account/settings/apps");
        using var deleted = await owner.SubmitAsync("/account/settings/apps?handler=Delete", ("clientId", clientId));
        using var after = await bearer.GetAsync("/3/credits");

        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.DoesNotContain($"<span class=\"secret\">{clientId}</span></td>", owner.LastPage, StringComparison.Ordinal);
        Assert.Equal("The access token provided is invalid.", await Envelope.ErrorAsync(after, 403));
        using var secretCheck = await bearer.GetAsync("/oauth2/secret");
        Assert.Equal("The access token provided is invalid.", await Envelope.ErrorAsync(secretCheck, 403));
        Assert.False(await app.WithDbAsync(db => db.AccessGrants.AnyAsync(g => g.ClientId == clientId)));
        using var clientIdCall = app.CreateClient();
        clientIdCall.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Client-ID", clientId);
        using var anonymous = await clientIdCall.GetAsync("/3/credits");
        Assert.Equal("Invalid client_id", await Envelope.ErrorAsync(anonymous, 403));
    }
}
