using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.OAuth;

public sealed class TokenEndpointTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task Token_IsTheBareObjectOfSpec219()
    {
        using var application = await PinApplication.RegisterAsync(app);

        var token = await application.AuthorizeAsync();

        Assert.Equal(["access_token", "expires_in", "token_type", "scope", "refresh_token", "account_id", "account_username"], token.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^[0-9a-f]{40}$", token.GetProperty("access_token").GetString()!);
        Assert.Equal(28 * 24 * 3600, token.GetProperty("expires_in").GetInt64());
        Assert.Equal(JsonValueKind.Null, token.GetProperty("scope").ValueKind);
        Assert.True(token.GetProperty("account_id").GetInt32() > 0);
    }

    [Fact]
    public async Task Refresh_GivesANewAccessToken_TheOldOneKeepsWorking_TheRefreshTokenStays()
    {
        using var application = await PinApplication.RegisterAsync(app);
        var first = await application.AuthorizeAsync();
        var refreshToken = first.GetProperty("refresh_token").GetString()!;

        using var refreshed = await application.PostTokenAsync(new() { ["client_id"] = application.ClientId, ["client_secret"] = application.Secret, ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });
        var second = await Envelope.ReadAsync(refreshed);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal("no-store", refreshed.Headers.CacheControl!.ToString());
        Assert.Equal("no-cache", refreshed.Headers.Pragma.ToString());
        Assert.Equal(refreshToken, second.GetProperty("refresh_token").GetString());
        Assert.NotEqual(first.GetProperty("access_token").GetString(), second.GetProperty("access_token").GetString());
        using var oldClient = app.BearerClient(first.GetProperty("access_token").GetString()!);
        using var newClient = app.BearerClient(second.GetProperty("access_token").GetString()!);
        using var old = await oldClient.GetAsync("/3/credits");
        using var fresh = await newClient.GetAsync("/3/credits");
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Refresh_WithHttpBasicClientCredentials_Works()
    {
        using var application = await PinApplication.RegisterAsync(app);
        var token = await application.AuthorizeAsync();
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{application.ClientId}:{application.Secret}")));

        using var refreshed = await application.PostTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = token.GetProperty("refresh_token").GetString()! }, basic);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Fact]
    public async Task WrongSecret_OrUnknownClient_Is400()
    {
        using var application = await PinApplication.RegisterAsync(app);
        var token = await application.AuthorizeAsync();
        var refresh = token.GetProperty("refresh_token").GetString()!;

        using var wrongSecret = await application.PostTokenAsync(new() { ["client_id"] = application.ClientId, ["client_secret"] = application.Secret[..^1] + "x", ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });
        using var unknownClient = await application.PostTokenAsync(new() { ["client_id"] = "nosuchclient", ["client_secret"] = application.Secret, ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });

        Assert.Equal("Invalid client credentials", await Envelope.ErrorAsync(wrongSecret, 400));
        Assert.Equal("Invalid client credentials", await Envelope.ErrorAsync(unknownClient, 400));
    }

    [Fact]
    public async Task SomeoneElsesRefreshToken_Is400WithImgursMessage()
    {
        using var application = await PinApplication.RegisterAsync(app);
        var token = await application.AuthorizeAsync();
        var (otherId, otherSecret) = await application.Owner.RegisterApplicationAsync(redirectUri: null, name: "Another app");

        using var response = await application.PostTokenAsync(new() { ["client_id"] = otherId, ["client_secret"] = otherSecret, ["grant_type"] = "refresh_token", ["refresh_token"] = token.GetProperty("refresh_token").GetString()! });

        Assert.Equal("Refresh token doesn't exist or is invalid for the client", await Envelope.ErrorAsync(response, 400));
        var error = (await Envelope.ReadAsync(response)).GetProperty("data");
        Assert.Equal("/oauth2/token", error.GetProperty("request").GetString());
    }

    [Theory]
    [InlineData("", "grant_type must be refresh_token, authorization_code or pin")]
    [InlineData("password", "grant_type must be refresh_token, authorization_code or pin")]
    [InlineData("refresh_token", "Missing required parameter: refresh_token")]
    [InlineData("authorization_code", "Missing required parameter: code")]
    [InlineData("pin", "Missing required parameter: pin")]
    public async Task MissingOrUnknownGrant_Is400(string grantType, string message)
    {
        using var application = await PinApplication.RegisterAsync(app);

        using var response = await application.PostTokenAsync(new() { ["client_id"] = application.ClientId, ["client_secret"] = application.Secret, ["grant_type"] = grantType });

        Assert.Equal(message, await Envelope.ErrorAsync(response, 400));
    }

    [Fact]
    public async Task Secret_TellsWhetherATokenIsValid()
    {
        using var application = await PinApplication.RegisterAsync(app);
        var token = await application.AuthorizeAsync();

        using var validClient = app.BearerClient(token.GetProperty("access_token").GetString()!);
        using var invalidClient = app.BearerClient(new string('a', 40));
        using var anonymous = app.CreateClient();
        using var valid = await validClient.GetAsync("/oauth2/secret");
        using var invalid = await invalidClient.GetAsync("/oauth2/secret");
        using var none = await anonymous.GetAsync("/oauth2/secret");

        var data = await Envelope.DataAsync(valid);
        Assert.Equal(application.ClientId, data.GetProperty("client_id").GetString());
        Assert.Equal(token.GetProperty("account_id").GetInt32(), data.GetProperty("account_id").GetInt32());
        Assert.InRange(data.GetProperty("expires_in").GetInt64(), 1, 28 * 24 * 3600);
        Assert.Equal("The access token provided is invalid.", await Envelope.ErrorAsync(invalid, 403));
        await Envelope.ErrorAsync(none, 401);
    }

    [Fact]
    public async Task AccessTokenInTheQueryString_IsNotAccepted()
    {
        using var application = await PinApplication.RegisterAsync(app);
        var token = await application.AuthorizeAsync();

        using var anonymous = app.CreateClient();
        using var withoutHeader = await anonymous.GetAsync($"/3/credits?access_token={token.GetProperty("access_token").GetString()}");
        using var withClientId = app.CreateClient();
        withClientId.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Client-ID", application.ClientId);
        using var me = await withClientId.GetAsync($"/3/account/me?access_token={token.GetProperty("access_token").GetString()}");

        await Envelope.ErrorAsync(withoutHeader, 401);
        Assert.Equal("This method requires authentication", await Envelope.ErrorAsync(me, 403));
    }

    [Fact]
    public async Task ClientSecretOrRefreshTokenInTheQueryString_IsNotRead()
    {
        using var application = await PinApplication.RegisterAsync(app);
        var token = await application.AuthorizeAsync();
        using var http = app.CreateClient();

        using var response = await http.PostAsync($"/oauth2/token?client_secret={application.Secret}&refresh_token={token.GetProperty("refresh_token").GetString()}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = application.ClientId, ["grant_type"] = "refresh_token" }));

        Assert.Equal("Invalid client credentials", await Envelope.ErrorAsync(response, 400));
    }

    [Fact]
    public async Task HttpBasicWithAWrongSecret_Is400()
    {
        using var application = await PinApplication.RegisterAsync(app);
        var token = await application.AuthorizeAsync();
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{application.ClientId}:not-the-secret")));

        using var response = await application.PostTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = token.GetProperty("refresh_token").GetString()! }, basic);

        Assert.Equal("Invalid client credentials", await Envelope.ErrorAsync(response, 400));
    }
}

public sealed class TokenExpiryTests(TokenExpiryTests.App app) : IClassFixture<TokenExpiryTests.App>
{
    public sealed class App : PicshelfApp
    {
        public FakeTimeProvider Clock { get; } = new(FixedClockApp.Now);

        public App() => WithClock(Clock);
    }

    [Fact]
    public async Task ExpiredAccessToken_Is403WithImgursMessage()
    {
        var user = await app.SignedInClientAsync();
        using (var fresh = await user.Http.GetAsync("/3/credits"))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromDays(28) + TimeSpan.FromSeconds(1));
        using var expired = await user.Http.GetAsync("/3/credits");

        Assert.Equal("The access token provided is invalid.", await Envelope.ErrorAsync(expired, 403));
    }

    [Fact]
    public async Task PinOlderThanTenMinutes_IsRefused()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var (clientId, secret) = await browser.RegisterApplicationAsync(redirectUri: null);
        var pin = await browser.AuthorizePinAsync(clientId);

        app.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        using var http = app.CreateClient();
        using var response = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["client_id"] = clientId, ["client_secret"] = secret, ["grant_type"] = "pin", ["pin"] = pin }));

        Assert.Equal("PIN doesn't exist or is invalid for the client", await Envelope.ErrorAsync(response, 400));
    }
}
