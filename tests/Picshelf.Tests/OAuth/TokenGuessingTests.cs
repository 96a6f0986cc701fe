using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.OAuth;

/// <summary>
/// Failed exchanges at <c>/oauth2/token</c> are limited per address, whatever was wrong in them (the secret, a PIN, a
/// code, a refresh token), and per application once its secret was right: past the limit even a right one is 429 with
/// <c>Retry-After</c> until the window ends. Exchanges that succeed are not counted.
/// </summary>
public sealed class TokenGuessingTests
{
    private static PicshelfApp NewApp(int perAddress, int perClient) => new PicshelfApp()
        .With("Throttles:TokenFailuresPerAddress", $"{perAddress}").With("Throttles:TokenFailuresPerClient", $"{perClient}")
        .WithClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FixedClockApp.Now));

    private static Dictionary<string, string>[] WrongExchanges(PinApplication application) =>
    [
        new() { ["client_id"] = application.ClientId, ["client_secret"] = "0".PadLeft(40, '0'), ["grant_type"] = "pin", ["pin"] = "ABCDEFGHJK" },
        new() { ["client_id"] = application.ClientId, ["client_secret"] = application.Secret, ["grant_type"] = "pin", ["pin"] = "ABCDEFGHJK" },
        new() { ["client_id"] = application.ClientId, ["client_secret"] = application.Secret, ["grant_type"] = "authorization_code", ["code"] = new string('a', 40) },
        new() { ["client_id"] = application.ClientId, ["client_secret"] = application.Secret, ["grant_type"] = "refresh_token", ["refresh_token"] = new string('b', 40) },
    ];

    [Fact]
    public async Task WrongSecretsPinsCodesAndRefreshTokens_FromOneAddress_AreRefusedPastTheLimit_EvenARightOne()
    {
        await using var app = NewApp(perAddress: 4, perClient: 1000);
        using var application = await PinApplication.RegisterAsync(app);
        var refreshToken = (await application.AuthorizeAsync()).GetProperty("refresh_token").GetString()!;

        var failures = new List<HttpStatusCode>();
        foreach (var exchange in WrongExchanges(application))
        {
            using var failed = await application.PostTokenAsync(exchange);
            failures.Add(failed.StatusCode);
        }
        using var right = await application.PostTokenAsync(new()
            { ["client_id"] = application.ClientId, ["client_secret"] = application.Secret, ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

        Assert.All(failures, status => Assert.Equal(HttpStatusCode.BadRequest, status));
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many failed token requests", await Envelope.ErrorAsync(right, 429), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Successes_AreNotCounted()
    {
        await using var app = NewApp(perAddress: 2, perClient: 2);
        using var application = await PinApplication.RegisterAsync(app);
        var refreshToken = (await application.AuthorizeAsync()).GetProperty("refresh_token").GetString()!;

        for (var i = 0; i < 6; i++)
        {
            await application.RefreshAsync(refreshToken);
        }
        using var failed = await application.PostTokenAsync(WrongExchanges(application)[0]);

        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
    }

    [Fact]
    public async Task OneApplicationsFailures_RefuseItsExchanges_NotAnotherApplications()
    {
        await using var app = NewApp(perAddress: 1000, perClient: 3);
        using var guessed = await PinApplication.RegisterAsync(app);
        using var other = await PinApplication.RegisterAsync(app);
        for (var i = 0; i < 3; i++)
        {
            using var failed = await guessed.PostTokenAsync(WrongExchanges(guessed)[1]);
            Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        }

        using var refused = await guessed.PostTokenAsync(WrongExchanges(guessed)[1]);
        var otherToken = await other.AuthorizeAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.False(string.IsNullOrEmpty(otherToken.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task WrongSecretsWithAnApplicationsPublicId_DoNotLockTheApplicationOut()
    {
        await using var app = NewApp(perAddress: 1000, perClient: 3);
        using var application = await PinApplication.RegisterAsync(app);
        for (var i = 0; i < 10; i++)
        {
            using var failed = await application.PostTokenAsync(WrongExchanges(application)[0]);
            Assert.Equal("Invalid client credentials", await Envelope.ErrorAsync(failed, 400));
        }

        var token = await application.AuthorizeAsync();

        Assert.False(string.IsNullOrEmpty(token.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task ParallelGuesses_CannotAllSlipUnderTheLimit()
    {
        await using var app = NewApp(perAddress: 5, perClient: 1000);
        using var application = await PinApplication.RegisterAsync(app);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => application.PostTokenAsync(WrongExchanges(application)[1])));

        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest));
        Assert.Equal(15, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }
}
