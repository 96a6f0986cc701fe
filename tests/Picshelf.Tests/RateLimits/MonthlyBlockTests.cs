using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Picshelf.RateLimits;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.RateLimits;

public sealed class MonthlyBlockTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 4, 20, 8, 0, 0, TimeSpan.Zero));
    private readonly PicshelfApp app;

    public MonthlyBlockTests() => app = new PicshelfApp().WithClock(clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<(HttpClient Client, string ClientId)> AppWithOneCreditADayAsync()
    {
        var client = await app.AnonymousClientAsync();
        var clientId = PicshelfApp.ClientIdOf(client);
        await app.ChangeLimitsAsync(clientId, new ClientLimitsAdministration.Change(1, null, null, false));
        return (client, clientId);
    }

    /// <summary>Spends the day's credit, is refused once, and moves to the next day.</summary>
    private async Task HitTheDailyLimitAsync(HttpClient client)
    {
        using (var spent = await client.GetAsync("/3/image/NoSuch1"))
        {
            Assert.Equal(HttpStatusCode.NotFound, spent.StatusCode);
        }
        using (var refused = await client.GetAsync("/3/image/NoSuch1"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }
        clock.Advance(TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task FifthDailyLimitHitInAMonth_BlocksTheApplicationUntilTheMonthEnds()
    {
        var (client, _) = await AppWithOneCreditADayAsync();
        var (bystander, _) = await AppWithOneCreditADayAsync();
        for (var day = 0; day < 4; day++)
        {
            await HitTheDailyLimitAsync(client);
        }
        using (var stillServed = await client.GetAsync("/3/image/NoSuch1"))
        {
            Assert.Equal(HttpStatusCode.NotFound, stillServed.StatusCode);
        }
        using (var fifth = await client.GetAsync("/3/image/NoSuch1"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        }

        clock.Advance(TimeSpan.FromDays(1));
        using var blocked = await client.GetAsync("/3/image/NoSuch1");
        var message = await Envelope.ErrorAsync(blocked, 403);
        using var credits = await client.GetAsync("/3/credits");
        using var other = await bystander.GetAsync("/3/image/NoSuch1");

        Assert.Contains("blocked until 2026-05-01T00:00:00Z", message, StringComparison.Ordinal);
        Assert.Equal(1, ResponseHeaders.Header(blocked, "X-RateLimit-ClientRemaining"));
        Assert.Equal(HttpStatusCode.Forbidden, credits.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        clock.SetUtcNow(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        using var nextMonth = await client.GetAsync("/3/image/NoSuch1");
        Assert.Equal(HttpStatusCode.NotFound, nextMonth.StatusCode);
    }

    [Fact]
    public async Task TheSitesOwnApplication_IsRefusedPastItsDay_ButNeverBlockedForTheMonth()
    {
        await app.ChangeLimitsAsync(Picshelf.OAuth.SiteApplication.ClientId, new ClientLimitsAdministration.Change(1, null, null, false));
        using var site = app.CreateClient();
        site.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Client-ID", Picshelf.OAuth.SiteApplication.ClientId);
        for (var day = 0; day < 6; day++)
        {
            await HitTheDailyLimitAsync(site);
        }

        using var stillServed = await site.GetAsync("/3/image/NoSuch1");

        Assert.Equal(HttpStatusCode.NotFound, stillServed.StatusCode);
    }

    [Fact]
    public async Task ManyRefusalsOnOneDay_CountAsOneHit()
    {
        var (client, clientId) = await AppWithOneCreditADayAsync();
        using (await client.GetAsync("/3/image/NoSuch1"))
        {
        }
        for (var i = 0; i < 10; i++)
        {
            using var refused = await client.GetAsync("/3/image/NoSuch1");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        Assert.Equal(1, await app.WithDbAsync(db => Task.FromResult(db.DailyLimitHits.Count(h => h.ClientId == clientId))));
    }

    [Fact]
    public async Task HitsInThePreviousMonth_DoNotCountTowardsThisOne()
    {
        clock.SetUtcNow(new DateTimeOffset(2026, 4, 28, 8, 0, 0, TimeSpan.Zero));
        var (client, _) = await AppWithOneCreditADayAsync();
        for (var day = 0; day < 5; day++)
        {
            await HitTheDailyLimitAsync(client);
        }

        using var served = await client.GetAsync("/3/image/NoSuch1");
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
    }

    [Fact]
    public async Task AdministratorUnblock_LiftsTheBlockAndStartsTheMonthAfresh()
    {
        var (client, clientId) = await AppWithOneCreditADayAsync();
        for (var day = 0; day < 5; day++)
        {
            await HitTheDailyLimitAsync(client);
        }
        using (var blocked = await client.GetAsync("/3/image/NoSuch1"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var lifted = await scope.ServiceProvider.GetRequiredService<ClientLimitsAdministration>().UnblockAsync(clientId, CancellationToken.None);
            Assert.Null(lifted.BlockedUntil);
        }
        using var served = await client.GetAsync("/3/image/NoSuch1");
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);

        // A fresh month: one more hit is not the fifth.
        using (var refused = await client.GetAsync("/3/image/NoSuch1"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }
        clock.Advance(TimeSpan.FromDays(1));
        using var nextDay = await client.GetAsync("/3/image/NoSuch1");
        Assert.Equal(HttpStatusCode.NotFound, nextDay.StatusCode);
    }
}
