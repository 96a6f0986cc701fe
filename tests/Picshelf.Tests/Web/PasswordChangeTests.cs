using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// The owner changes the password on <c>/account/settings/password</c>: it takes the current password, ends every other
/// session of the account, keeps this browser signed in, and a wrong or refused attempt changes nothing.
/// </summary>
public sealed class PasswordChangeTests : IAsyncLifetime
{
    private const string OldPassword = "correct horse battery";
    private const string NewPassword = "staple battery horse";

    private readonly PicshelfApp app = new PicshelfApp().With("SignIn:FailuresAllowed", "3")
        .WithClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FixedClockApp.Now));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static async Task<HttpResponseMessage> ChangeAsync(BrowserSession browser, string current, string next, string? confirm = null)
    {
        await browser.GetAsync("/account/settings/password");
        return await browser.SubmitAsync("/account/settings/password", ("currentPassword", current), ("newPassword", next), ("confirmPassword", confirm ?? next));
    }

    private async Task<HttpStatusCode> SignInStatusAsync(string username, string password)
    {
        using var browser = new BrowserSession(app);
        await browser.GetAsync("/signin");
        using var response = await browser.SubmitAsync("/signin", ("username", username), ("password", password));
        return response.StatusCode;
    }

    [Fact]
    public async Task ChangingThePassword_EndsEveryOtherSession_KeepsThisOne_AndOnlyTheNewPasswordSignsIn()
    {
        using var browser = new BrowserSession(app);
        var username = await browser.SignUpAsync();
        using var other = new BrowserSession(app);
        await other.SignInAsync(username);

        using var changed = await ChangeAsync(browser, OldPassword, NewPassword);
        var changedPage = browser.LastPage;
        using var here = await browser.GetAsync("/account/settings/apps");
        using var there = await other.GetAsync("/account/settings/apps");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("Your password is changed", changedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, here.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, there.StatusCode);
        Assert.Contains("/signin", there.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, await SignInStatusAsync(username, OldPassword));
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(username, NewPassword));
    }

    [Fact]
    public async Task ChangingThePassword_RevokesTheUploadPagesTokens_AndTheHomePageGivesANewOneThatWorks()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        await browser.GetAsync("/");
        var before = System.Text.RegularExpressions.Regex.Match(browser.LastPage!, "data-access-token=\"([^\"]+)\"").Groups[1].Value;

        using var changed = await ChangeAsync(browser, OldPassword, NewPassword);
        await browser.GetAsync("/");
        var after = System.Text.RegularExpressions.Regex.Match(browser.LastPage!, "data-access-token=\"([^\"]+)\"").Groups[1].Value;
        using var oldToken = app.BearerClient(before);
        using var newToken = app.BearerClient(after);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual("", before);
        Assert.NotEqual(before, after);
        await Envelope.ErrorAsync(await oldToken.GetAsync("/3/account/me/images"), 403);
        Assert.Equal(HttpStatusCode.OK, (await newToken.GetAsync("/3/account/me/images")).StatusCode);
    }

    [Theory]
    [InlineData("wrong password", NewPassword, NewPassword, "The current password is incorrect.")]
    [InlineData(OldPassword, NewPassword, "staple battery horsE", "The new password and its confirmation differ.")]
    [InlineData(OldPassword, "short", "short", "The password must be at least")]
    public async Task ARefusedChange_Is400_WithTheReason_AndChangesNothing(string current, string next, string confirm, string reason)
    {
        using var browser = new BrowserSession(app);
        var username = await browser.SignUpAsync();
        using var other = new BrowserSession(app);
        await other.SignInAsync(username);

        using var refused = await ChangeAsync(browser, current, next, confirm);
        var refusedPage = browser.LastPage;
        using var there = await other.GetAsync("/account/settings/apps");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(reason, refusedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, there.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(username, OldPassword));
    }

    [Fact]
    public async Task WrongCurrentPasswords_AreCountedAsFailedSignIns_429WithRetryAfter()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await ChangeAsync(browser, "guess " + i, NewPassword);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var refused = await ChangeAsync(browser, OldPassword, NewPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("Too many wrong passwords", browser.LastPage, StringComparison.Ordinal);
    }
}
