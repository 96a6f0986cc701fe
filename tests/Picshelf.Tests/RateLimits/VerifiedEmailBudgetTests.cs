using System.Net;
using Microsoft.EntityFrameworkCore;
using Picshelf.RateLimits;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.ResponseHeaders;

namespace Picshelf.Tests.RateLimits;

/// <summary>
/// With <c>RateLimits:RequireVerifiedEmail</c>, an account is no user of an application until it verified its e-mail:
/// its Bearer calls are charged as calls without credentials, to its address's hour, and take nothing of the
/// application's day. Off by default.
/// </summary>
public sealed class VerifiedEmailBudgetTests
{
    private const int AnonymousBudget = 2;
    private const int CreditsPerDay = 100;

    private static async Task<(PicshelfApp App, SignedInClient Unverified, SignedInClient Verified)> StartAsync(bool requireVerifiedEmail)
    {
        // A clock of its own: on the real one, a run across the hour would find a fresh hourly budget halfway.
        var app = new PicshelfApp().With("RateLimits:RequireVerifiedEmail", requireVerifiedEmail ? "true" : "false")
            .With("RateLimits:AnonymousCreditsPerHour", $"{AnonymousBudget}")
            .WithClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FixedClockApp.Now));
        var unverified = await app.SignedInClientAsync();
        await app.ChangeLimitsAsync(unverified.ClientId, new ClientLimitsAdministration.Change(CreditsPerDay, 50, null, false));
        var verified = await app.SignedInClientAsync(clientId: unverified.ClientId);
        // Before the token's first call, so no process has its grant cached as unverified.
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == verified.AccountId).ExecuteUpdateAsync(set => set.SetProperty(a => a.EmailVerifiedAt, 1L)));
        return (app, unverified, verified);
    }

    [Fact]
    public async Task AnUnverifiedAccount_IsChargedAsACallWithoutCredentials_AndTakesNothingOfTheApplicationsDay()
    {
        var (app, unverified, verified) = await StartAsync(requireVerifiedEmail: true);
        await using var _ = app;
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < AnonymousBudget + 1; i++)
        {
            answers.Add(await unverified.Http.GetAsync("/3/image/NoSuch1"));
        }
        using var credits = await unverified.Http.GetAsync("/3/credits");
        using var verifiedCall = await verified.Http.GetAsync("/3/image/NoSuch1");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.Equal(CreditsPerDay, Header(answers[0], "X-RateLimit-ClientRemaining"));
        Assert.Equal(AnonymousBudget - 1, Header(answers[0], "X-RateLimit-UserRemaining"));
        Assert.Contains("This account has not verified its e-mail address", await Envelope.ErrorAsync(answers[2], 429), StringComparison.Ordinal);
        Assert.Equal(AnonymousBudget, (await Envelope.DataAsync(credits)).GetProperty("UserLimit").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, verifiedCall.StatusCode);
        Assert.Equal(CreditsPerDay - 1, Header(verifiedCall, "X-RateLimit-ClientRemaining"));
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task ByDefault_AnUnverifiedAccountIsAUserOfTheApplication()
    {
        var (app, unverified, _) = await StartAsync(requireVerifiedEmail: false);
        await using var _ = app;

        using var call = await unverified.Http.GetAsync("/3/image/NoSuch1");
        using var credits = await unverified.Http.GetAsync("/3/credits");

        Assert.Equal(CreditsPerDay - 1, Header(call, "X-RateLimit-ClientRemaining"));
        Assert.Equal(49, (await Envelope.DataAsync(credits)).GetProperty("UserRemaining").GetInt64());
    }
}
