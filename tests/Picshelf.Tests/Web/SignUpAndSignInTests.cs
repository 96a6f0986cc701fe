using System.Net;
using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

public sealed class SignUpAndSignInTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Theory]
    [InlineData("/oauth2/addclient")]
    [InlineData("/account/settings/apps")]
    [InlineData("/account/settings/password")]
    [InlineData("/account/settings/sharex")]
    [InlineData("/account/uploads")]
    [InlineData("/account/settings")]
    public async Task ASignedInPage_SendsASignedOutVisitorToSignIn_AndBack(string path)
    {
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/signin?ReturnUrl=" + Uri.EscapeDataString(path), page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_CreatesTheAccount_AndSignsInWithAProtectedCookie()
    {
        using var browser = new BrowserSession(app);
        await browser.GetAsync("/signup");
        using var response = await browser.SubmitAsync("/signup", ("username", "Pixel2024"), ("email", "pixel@example.com"), ("password", "long enough pass"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/settings/apps", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("picshelf=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        using var apps = await browser.GetAsync("/account/settings/apps");
        Assert.Equal(HttpStatusCode.OK, apps.StatusCode);
        Assert.Contains("Signed in as Pixel2024", browser.LastPage, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Accounts.AnyAsync(a => a.NormalizedUsername == "PIXEL2024")));
    }

    [Theory]
    [InlineData("has space", "a@example.com")]
    [InlineData("<b>bold</b>", "a@example.com")]
    [InlineData("abc", "a@example.com")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123", "a@example.com")]
    [InlineData("GoodName1", "not an address")]
    [InlineData("GoodName2", "Bob <bob@example.com>")]
    public async Task SignUp_WithABadUsernameOrEmail_Is400AndCreatesNothing(string username, string email)
    {
        using var browser = new BrowserSession(app);
        var before = await app.WithDbAsync(db => db.Accounts.CountAsync());
        await browser.GetAsync("/signup");
        using var response = await browser.SubmitAsync("/signup", ("username", username), ("email", email), ("password", "long enough pass"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("class=\"error\"", browser.LastPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", browser.LastPage, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Accounts.CountAsync()));
    }

    [Fact]
    public async Task SignUp_WithATakenNameInAnotherCase_Is400()
    {
        using var first = new BrowserSession(app);
        var name = await first.SignUpAsync();
        using var second = new BrowserSession(app);
        await second.GetAsync("/signup");
        using var response = await second.SubmitAsync("/signup", ("username", name.ToUpperInvariant()), ("email", "other@example.com"), ("password", "long enough pass"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is taken", second.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_WithoutTheAntiforgeryToken_IsRefused()
    {
        using var browser = new BrowserSession(app);
        await browser.GetAsync("/signup");
        using var response = await browser.PostAsync("/signup", ("username", "NoToken12"), ("email", "n@example.com"), ("password", "long enough pass"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Accounts.AnyAsync(a => a.NormalizedUsername == "NOTOKEN12")));
    }

    [Fact]
    public async Task SignIn_WrongPasswordAndUnknownUser_GetTheSameAnswer()
    {
        using var owner = new BrowserSession(app);
        var name = await owner.SignUpAsync();
        using var browser = new BrowserSession(app);

        await browser.GetAsync("/signin");
        using var wrongPassword = await browser.SubmitAsync("/signin", ("username", name), ("password", "not the password"));
        var wrongPasswordPage = browser.LastPage;
        await browser.GetAsync("/signin");
        using var unknownUser = await browser.SubmitAsync("/signin", ("username", "nobody" + name), ("password", "not the password"));

        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownUser.StatusCode);
        Assert.Contains("The username or password is incorrect.", wrongPasswordPage, StringComparison.Ordinal);
        Assert.Contains("The username or password is incorrect.", browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ReturnsToALocalPageOnly_AndSignOutEndsTheSession()
    {
        using var owner = new BrowserSession(app);
        var name = await owner.SignUpAsync();
        using var browser = new BrowserSession(app);

        await browser.GetAsync("/signin?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        using var signedIn = await browser.SubmitAsync("/signin?ReturnUrl=https%3A%2F%2Fevil.example%2F", ("username", name), ("password", "correct horse battery"));
        Assert.Equal("/account/settings/apps", signedIn.Headers.Location!.OriginalString);

        await browser.GetAsync("/account/settings/apps");
        using var signedOut = await browser.SubmitAsync("/signout");
        using var after = await browser.GetAsync("/account/settings/apps");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/signin?ReturnUrl=", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningOutTwiceFromOnePage_ShowsTheErrorPageUnderA400_NotTheApisEnvelope()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        await browser.GetAsync("/account/settings/apps");
        var token = browser.AntiforgeryToken();

        using var first = await browser.PostAsync("/signout", ("__RequestVerificationToken", token));
        using var second = await browser.PostAsync("/signout", ("__RequestVerificationToken", token));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("text/html", second.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>This form could not be accepted</h1>", browser.LastPage, StringComparison.Ordinal);
        Assert.Equal("DENY", second.Headers.GetValues("X-Frame-Options").Single());
    }
}

public sealed class SignInThrottleTests : IAsyncLifetime
{
    private readonly PicshelfApp app = new PicshelfApp().With("SignIn:FailuresAllowed", "3")
        .WithClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FixedClockApp.Now));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ParallelGuesses_CannotAllSlipUnderTheLimit()
    {
        using var owner = new BrowserSession(app);
        var name = await owner.SignUpAsync();
        using var browser = new BrowserSession(app);
        await browser.GetAsync("/signin");
        var token = browser.AntiforgeryToken();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            browser.PostAsync("/signin", ("__RequestVerificationToken", token), ("username", name), ("password", "guess " + i))));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest));
        Assert.Equal(9, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task SuccessfulSignIns_DoNotCountAgainstTheLimit()
    {
        using var owner = new BrowserSession(app);
        var name = await owner.SignUpAsync();
        for (var i = 0; i < 5; i++)
        {
            using var browser = new BrowserSession(app);
            await browser.GetAsync("/signin");
            using var signedIn = await browser.SubmitAsync("/signin", ("username", name), ("password", "correct horse battery"));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
    }

    [Fact]
    public async Task RepeatedFailuresFromOneAddress_LockItOut_EvenWithTheRightPassword_WithRetryAfter()
    {
        using var owner = new BrowserSession(app);
        var name = await owner.SignUpAsync();
        using var browser = new BrowserSession(app);
        for (var i = 0; i < 3; i++)
        {
            await browser.GetAsync("/signin");
            using var failed = await browser.SubmitAsync("/signin", ("username", name), ("password", "guess " + i));
            Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        }

        await browser.GetAsync("/signin");
        using var locked = await browser.SubmitAsync("/signin", ("username", name), ("password", "correct horse battery"));

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many failed sign-ins from your address. Try again after", browser.LastPage, StringComparison.Ordinal);
    }
}
