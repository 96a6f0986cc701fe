using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// A session cookie is only as good as its account's security stamp: sign-out, deletion and an operator's disable end
/// every cookie of the account at once, including copies someone kept, and a session ends by its lifetimes however it is used.
/// </summary>
public sealed class SessionRevocationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(FixedClockApp.Now);
    private PicshelfApp app = null!;

    public Task InitializeAsync()
    {
        app = new PicshelfApp().WithClock(clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>Whether a copied cookie opens the consent page and the apps page: both, or neither.</summary>
    private async Task<bool> OpensAsync(string cookieHeader, string clientId)
    {
        using var bare = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var opened = new List<bool>();
        foreach (var path in new[] { $"/oauth2/authorize?client_id={clientId}&response_type=pin", "/account/settings/apps" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookieHeader);
            using var response = await bare.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{path} answered {(int)response.StatusCode}");
            Assert.True(response.StatusCode == HttpStatusCode.OK || response.Headers.Location!.ToString().Contains("/signin", StringComparison.Ordinal));
            opened.Add(response.StatusCode == HttpStatusCode.OK);
        }
        Assert.True(opened[0] == opened[1], "one page opened and the other did not");
        return opened[0];
    }

    private async Task<(SignedInClient User, BrowserSession Browser, string Cookie)> SignedInBrowserAsync()
    {
        var user = await app.SignedInClientAsync();
        var browser = new BrowserSession(app);
        await browser.SignInAsync(user.Username);
        return (user, browser, browser.CookieHeader);
    }

    private async Task SetDisabledAsync(string username, bool disabled)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountAdministration>().SetDisabledAsync(username, disabled, CancellationToken.None);
    }

    [Fact]
    public async Task SignOut_EndsEveryCookieOfTheAccount_CopiesAndOtherBrowsersToo()
    {
        var (user, browser, copied) = await SignedInBrowserAsync();
        using var _ = browser;
        using var other = new BrowserSession(app);
        await other.SignInAsync(user.Username);
        Assert.True(await OpensAsync(copied, user.ClientId));

        await browser.GetAsync("/account/settings/apps");
        using var signedOut = await browser.SubmitAsync("/signout");
        using var otherAfter = await other.GetAsync("/account/settings/apps");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.False(await OpensAsync(copied, user.ClientId));
        Assert.Equal(HttpStatusCode.Redirect, otherAfter.StatusCode);
        Assert.Contains("/signin", otherAfter.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAccountFromBeforeStamps_SignsInAndStaysSignedIn()
    {
        var user = await app.SignedInClientAsync();
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == user.AccountId).ExecuteUpdateAsync(set => set.SetProperty(a => a.SecurityStamp, "")));
        using var browser = new BrowserSession(app);

        await browser.SignInAsync(user.Username);

        Assert.True(await OpensAsync(browser.CookieHeader, user.ClientId));
    }

    [Fact]
    public async Task SigningInAgainAfterSignOut_GivesAWorkingSession()
    {
        var (user, browser, _) = await SignedInBrowserAsync();
        using var __ = browser;
        await browser.GetAsync("/account/settings/apps");
        using (await browser.SubmitAsync("/signout"))
        {
        }

        await browser.SignInAsync(user.Username);

        Assert.True(await OpensAsync(browser.CookieHeader, user.ClientId));
    }

    [Fact]
    public async Task ANewPassword_EndsTheSessionsSignedInWithTheOldOne()
    {
        var (user, browser, copied) = await SignedInBrowserAsync();
        using var _ = browser;

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountAdministration>().SetPasswordAsync(user.Username, "a brand new secret", CancellationToken.None);
        }
        using var fresh = new BrowserSession(app);
        await fresh.SignInAsync(user.Username, "a brand new secret");

        Assert.False(await OpensAsync(copied, user.ClientId));
        Assert.True(await OpensAsync(fresh.CookieHeader, user.ClientId));
    }

    [Fact]
    public async Task AccountDeletion_EndsItsCookies()
    {
        var (user, browser, copied) = await SignedInBrowserAsync();
        using var _ = browser;

        using var deleted = await user.Http.PostAsync("/3/account/me/delete", Forms.Form(("password", "correct horse battery")));

        Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        Assert.False(await OpensAsync(copied, await app.RegisterClientAsync()));
    }

    [Fact]
    public async Task DisabledAccount_LosesItsCookiesAndTokens_CannotSignIn_AndEnablingLetsItBackIn()
    {
        var (user, browser, copied) = await SignedInBrowserAsync();
        using var _ = browser;

        await SetDisabledAsync(user.Username, disabled: true);
        using var tokenCall = await user.Http.GetAsync("/3/account/me/settings");
        using var signIn = new BrowserSession(app);
        await signIn.GetAsync("/signin");
        using var refused = await signIn.SubmitAsync("/signin", ("username", user.Username), ("password", "correct horse battery"));

        Assert.False(await OpensAsync(copied, user.ClientId));
        Assert.Equal(ApiException.InvalidTokenMessage, await Envelope.ErrorAsync(tokenCall, 403));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(AccountSignIn.Disabled, signIn.LastPage, StringComparison.Ordinal);

        await SetDisabledAsync(user.Username, disabled: false);
        using var tokenAgain = await user.Http.GetAsync("/3/account/me/settings");
        await signIn.SignInAsync(user.Username);

        Assert.Equal(HttpStatusCode.OK, tokenAgain.StatusCode);
        Assert.False(await OpensAsync(copied, user.ClientId));
        Assert.True(await OpensAsync(signIn.CookieHeader, user.ClientId));
    }

    [Fact]
    public async Task ASessionInUse_EndsAtTheAbsoluteLimit()
    {
        var (user, browser, _) = await SignedInBrowserAsync();
        using var __ = browser;

        foreach (var step in new[] { 10, 10, 9 })
        {
            clock.Advance(TimeSpan.FromDays(step));
            using var used = await browser.GetAsync("/account/settings/apps");
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        }
        clock.Advance(TimeSpan.FromDays(1));

        Assert.False(await OpensAsync(browser.CookieHeader, user.ClientId));
    }

    [Fact]
    public async Task AnUnusedSession_EndsAtTheSlidingLimit()
    {
        var (user, browser, _) = await SignedInBrowserAsync();
        using var __ = browser;

        clock.Advance(TimeSpan.FromDays(13));
        Assert.True(await OpensAsync(browser.CookieHeader, user.ClientId));
        clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));

        Assert.False(await OpensAsync(browser.CookieHeader, user.ClientId));
    }
}
