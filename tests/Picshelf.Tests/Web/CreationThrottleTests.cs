using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// Accounts and applications cost nothing to make, so one address may make only a few an hour: past the limit the page
/// answers 429 with <c>Retry-After</c> and says why, and a form the page refused does not count.
/// </summary>
public sealed class CreationThrottleTests : IAsyncLifetime
{
    private readonly PicshelfApp app = new PicshelfApp().With("Throttles:SignUpsPerHour", "2").With("Throttles:ApplicationsPerHour", "2")
        .WithClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FixedClockApp.Now));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static async Task<HttpResponseMessage> SignUpAsync(BrowserSession browser, string username)
    {
        await browser.GetAsync("/signup");
        return await browser.SubmitAsync("/signup", ("username", username), ("email", $"{username}@example.com"), ("password", "correct horse battery"));
    }

    private static async Task<HttpResponseMessage> RegisterAsync(BrowserSession browser, string name)
    {
        await browser.GetAsync("/oauth2/addclient");
        return await browser.SubmitAsync("/oauth2/addclient", ("name", name), ("kind", "pin"), ("redirect_uri", ""), ("website", ""), ("email", ""), ("description", ""));
    }

    [Fact]
    public async Task SignUpsFromOneAddress_PastTheHourlyLimit_Answer429WithRetryAfter_AndRefusedFormsDoNotCount()
    {
        using var browser = new BrowserSession(app);
        using var mistyped = await SignUpAsync(browser, "no");
        using var first = await SignUpAsync(browser, "throttled" + Guid.NewGuid().ToString("N")[..8]);
        using var second = await SignUpAsync(browser, "throttled" + Guid.NewGuid().ToString("N")[..8]);

        var name = "throttled" + Guid.NewGuid().ToString("N")[..8];
        using var third = await SignUpAsync(browser, name);

        Assert.Equal(HttpStatusCode.BadRequest, mistyped.StatusCode);
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect], [first.StatusCode, second.StatusCode]);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many accounts were created from your address this hour. Try again after", browser.LastPage, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Accounts.Any(a => a.Username == name))));
    }

    [Fact]
    public async Task ApplicationRegistrationsFromOneAddress_PastTheHourlyLimit_Answer429WithRetryAfter_AndRefusedFormsDoNotCount()
    {
        using var browser = new BrowserSession(app);
        using var signUp = await SignUpAsync(browser, "registrar" + Guid.NewGuid().ToString("N")[..8]);
        using var unnamed = await RegisterAsync(browser, " ");
        using var first = await RegisterAsync(browser, "First");
        using var second = await RegisterAsync(browser, "Second");

        using var third = await RegisterAsync(browser, "Third");

        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], [first.StatusCode, second.StatusCode]);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many applications were registered from your address this hour. Try again after", browser.LastPage, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Clients.Any(c => c.Name == "Third"))));
    }
}
