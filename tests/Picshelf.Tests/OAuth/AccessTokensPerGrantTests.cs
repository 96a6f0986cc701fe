using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.OAuth;

/// <summary>
/// A grant holds several access tokens: installs sharing a refresh token each keep theirs until it expires, up to a cap
/// (3 here) past which the oldest goes, and revoking the application or deleting the account ends all of them at once.
/// </summary>
public sealed class AccessTokensPerGrantTests(AccessTokensPerGrantTests.App app) : IClassFixture<AccessTokensPerGrantTests.App>
{
    public sealed class App : PicshelfApp
    {
        public const int Cap = 3;

        public FakeTimeProvider Clock { get; } = new(FixedClockApp.Now);

        public App()
        {
            WithClock(Clock);
            With("OAuth:MaxAccessTokensPerGrant", $"{Cap}");
        }
    }

    private const string Invalid = "The access token provided is invalid.";

    private static string AccessToken(JsonElement token) => token.GetProperty("access_token").GetString()!;

    private static string RefreshToken(JsonElement token) => token.GetProperty("refresh_token").GetString()!;

    /// <summary>An API call with the token; a call before a revocation also puts the token in the server's cache.</summary>
    private async Task<HttpResponseMessage> CallAsync(string accessToken)
    {
        using var http = app.BearerClient(accessToken);
        return await http.GetAsync("/3/credits");
    }

    private async Task AssertWorksAsync(string accessToken)
    {
        using var response = await CallAsync(accessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task AssertRefusedAsync(string accessToken)
    {
        using var response = await CallAsync(accessToken);
        Assert.Equal(Invalid, await Envelope.ErrorAsync(response, 403));
    }

    private Task<int> TokenRowsAsync(string clientId) =>
        app.WithDbAsync(db => db.AccessTokens.CountAsync(t => db.AccessGrants.Any(g => g.Id == t.GrantId && g.ClientId == clientId)));

    [Fact]
    public async Task AfterARefresh_TheOldAndTheNewTokenBothWork()
    {
        using var application = await PinApplication.RegisterAsync(app);
        var desktop = await application.AuthorizeAsync();
        await AssertWorksAsync(AccessToken(desktop));

        var phone = await application.RefreshAsync(RefreshToken(desktop));

        Assert.NotEqual(AccessToken(desktop), AccessToken(phone));
        await AssertWorksAsync(AccessToken(desktop));
        await AssertWorksAsync(AccessToken(phone));
    }

    [Fact]
    public async Task TheOldToken_StopsAtItsOwnExpiry_WhileTheNewOneLivesOn()
    {
        using var application = await PinApplication.RegisterAsync(app);
        var desktop = await application.AuthorizeAsync();
        app.Clock.Advance(TimeSpan.FromDays(10));
        var phone = await application.RefreshAsync(RefreshToken(desktop));

        app.Clock.Advance(TimeSpan.FromDays(18) - TimeSpan.FromSeconds(1));
        await AssertWorksAsync(AccessToken(desktop));
        app.Clock.Advance(TimeSpan.FromSeconds(2));

        await AssertRefusedAsync(AccessToken(desktop));
        await AssertWorksAsync(AccessToken(phone));
        using var bearer = app.BearerClient(AccessToken(phone));
        using var secret = await bearer.GetAsync("/oauth2/secret");
        Assert.Equal(TimeSpan.FromDays(10).TotalSeconds - 1, (await Envelope.DataAsync(secret)).GetProperty("expires_in").GetInt64());
    }

    [Fact]
    public async Task ARefresh_DeletesTheGrantsExpiredTokens()
    {
        using var application = await PinApplication.RegisterAsync(app);
        var first = await application.AuthorizeAsync();
        var second = await application.RefreshAsync(RefreshToken(first));
        app.Clock.Advance(TimeSpan.FromDays(28) + TimeSpan.FromSeconds(1));

        var third = await application.RefreshAsync(RefreshToken(first));

        Assert.Equal(1, await TokenRowsAsync(application.ClientId));
        await AssertRefusedAsync(AccessToken(second));
        await AssertWorksAsync(AccessToken(third));
    }

    [Fact]
    public async Task ARefreshPastTheCap_RevokesTheOldestTokenFirst()
    {
        using var application = await PinApplication.RegisterAsync(app);
        // Another grant of the same application keeps its token, whatever the first grant's refreshes do.
        var otherGrant = AccessToken(await application.AuthorizeAsync());
        var first = await application.AuthorizeAsync();
        var tokens = new List<string> { AccessToken(first) };
        for (var refresh = 1; refresh < App.Cap; refresh++)
        {
            tokens.Add(AccessToken(await application.RefreshAsync(RefreshToken(first))));
        }
        foreach (var token in tokens)
        {
            await AssertWorksAsync(token);
        }

        var newest = AccessToken(await application.RefreshAsync(RefreshToken(first)));

        await AssertRefusedAsync(tokens[0]);
        foreach (var token in tokens.Skip(1).Append(newest).Append(otherGrant))
        {
            await AssertWorksAsync(token);
        }
    }

    [Fact]
    public async Task RefreshesRacingOnOneGrant_KeepNoMoreThanTheCap()
    {
        using var application = await PinApplication.RegisterAsync(app);
        var first = await application.AuthorizeAsync();

        var refreshed = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => application.RefreshAsync(RefreshToken(first))));

        Assert.Equal(App.Cap, await TokenRowsAsync(application.ClientId));
        Assert.Equal(8, refreshed.Select(AccessToken).Distinct().Count());
    }

    [Fact]
    public async Task DeletingTheApplication_RevokesEveryTokenOfEveryGrant()
    {
        using var application = await PinApplication.RegisterAsync(app);
        var first = await application.AuthorizeAsync();
        var tokens = new[]
        {
            AccessToken(first),
            AccessToken(await application.RefreshAsync(RefreshToken(first))),
            AccessToken(await application.AuthorizeAsync()),
        };
        foreach (var token in tokens)
        {
            await AssertWorksAsync(token);
        }

        await application.Owner.GetAsync("/account/settings/apps");
        using var deleted = await application.Owner.SubmitAsync("/account/settings/apps?handler=Delete", ("clientId", application.ClientId));

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        foreach (var token in tokens)
        {
            await AssertRefusedAsync(token);
        }
        Assert.Equal(0, await TokenRowsAsync(application.ClientId));
    }

    /// <summary>The application is someone else's: it stays, so only forgetting the account's grants can end the cached tokens.</summary>
    [Fact]
    public async Task DeletingTheAccount_RevokesEveryTokenOfEveryGrant()
    {
        using var application = await PinApplication.RegisterAsync(app);
        using var user = new BrowserSession(app);
        await user.SignUpAsync(password: "user's own password");
        var first = await application.AuthorizeAsync(user);
        var tokens = new[]
        {
            AccessToken(first),
            AccessToken(await application.RefreshAsync(RefreshToken(first))),
            AccessToken(await application.AuthorizeAsync(user)),
        };
        var ownersToken = AccessToken(await application.AuthorizeAsync());
        foreach (var token in tokens)
        {
            await AssertWorksAsync(token);
        }

        using var account = app.BearerClient(tokens[0]);
        using var deleted = await account.PostAsync("/3/account/me/delete", Forms.Form(("password", "user's own password")));

        Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        foreach (var token in tokens)
        {
            await AssertRefusedAsync(token);
        }
        await AssertWorksAsync(ownersToken);
        Assert.Equal(1, await TokenRowsAsync(application.ClientId));
    }
}
