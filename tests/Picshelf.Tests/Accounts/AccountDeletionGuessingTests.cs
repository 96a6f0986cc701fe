using System.Net;
using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.Forms;

namespace Picshelf.Tests.Accounts;

/// <summary>
/// The password that deletes an account over the API is counted as a sign-in of the caller's address: a stolen token is
/// no faster way to guess it than the sign-in page, and a right password gives its attempt back.
/// </summary>
public sealed class AccountDeletionGuessingTests : IAsyncLifetime
{
    private readonly PicshelfApp app = new PicshelfApp().With("SignIn:FailuresAllowed", "3")
        .WithClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FixedClockApp.Now));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task WrongPasswords_PastTheSignInLimit_Are429WithRetryAfter_EvenTheRightOne_AndDeleteNothing()
    {
        var user = await app.SignedInClientAsync();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await user.Http.PostAsync("/3/account/me/delete", Form(("password", $"guess {i}")));
            await Envelope.ErrorAsync(wrong, 403);
        }

        using var refused = await user.Http.PostAsync("/3/account/me/delete", Form(("password", "correct horse battery")));

        Assert.Contains("Too many wrong passwords from your address", await Envelope.ErrorAsync(refused, 429), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.True(await app.WithDbAsync(db => db.Accounts.AnyAsync(a => a.Id == user.AccountId)));
    }

    [Fact]
    public async Task WrongPasswords_CountWithTheSignInPagesFailures()
    {
        var user = await app.SignedInClientAsync();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await user.Http.PostAsync("/3/account/me/delete", Form(("password", $"guess {i}")));
            await Envelope.ErrorAsync(wrong, 403);
        }
        using var browser = new BrowserSession(app);
        await browser.GetAsync("/signin");

        using var signIn = await browser.SubmitAsync("/signin", ("username", user.Username), ("password", "correct horse battery"));

        Assert.Equal(HttpStatusCode.TooManyRequests, signIn.StatusCode);
    }

    [Fact]
    public async Task ARightPassword_GivesItsAttemptBack()
    {
        var deleted = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var user = await app.SignedInClientAsync();
            using var answer = await user.Http.PostAsync("/3/account/me/delete", Form(("password", "correct horse battery")));
            deleted.Add(answer.StatusCode);
        }
        var last = await app.SignedInClientAsync();

        using var wrong = await last.Http.PostAsync("/3/account/me/delete", Form(("password", "not it")));

        Assert.All(deleted, status => Assert.Equal(HttpStatusCode.OK, status));
        await Envelope.ErrorAsync(wrong, 403);
    }
}
