using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Picshelf.RateLimits;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.ResponseHeaders;

namespace Picshelf.Tests.RateLimits;

/// <summary>
/// The limits themselves, run once on the in-memory counter and once on a real Redis: both must refuse
/// exactly what is over budget, charge nothing for a refusal and reset exactly on the hour and the day.
/// </summary>
public abstract class CreditLimitTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 9, 20, 0, TimeSpan.Zero));
    private PicshelfApp app = null!;

    protected abstract PicshelfApp NewApp();

    public Task InitializeAsync()
    {
        app = NewApp().With("RateLimits:PostsPerHour", "3").WithClock(clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<(HttpClient Client, string ClientId)> ClientWithLimitsAsync(int? creditsPerDay = null, int? userCreditsPerHour = null)
    {
        var client = await app.AnonymousClientAsync();
        var clientId = PicshelfApp.ClientIdOf(client);
        await app.ChangeLimitsAsync(clientId, new ClientLimitsAdministration.Change(creditsPerDay, userCreditsPerHour, null, false));
        return (client, clientId);
    }

    private async Task<string> UploadedImageIdAsync()
    {
        var uploader = await app.AnonymousClientAsync();
        return (await uploader.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
    }

    private static async Task<(int Code, string Message)> TooManyRequestsAsync(HttpResponseMessage response)
    {
        var message = await Envelope.ErrorAsync(response, 429);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("data").GetProperty("error");
        Assert.Equal("ImgurException", error.GetProperty("type").GetString());
        return (error.GetProperty("code").GetInt32(), message);
    }

    [Fact]
    public async Task TwoHundredConcurrentRequests_AgainstBudgetOf50_ExactlyFiftySucceed()
    {
        var imageId = await UploadedImageIdAsync();
        var (client, _) = await ClientWithLimitsAsync(creditsPerDay: 50, userCreditsPerHour: 1_000);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetAsync($"/3/image/{imageId}")));

        var statuses = responses.GroupBy(r => (int)r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(statuses.GetValueOrDefault(200) == 50 && statuses.GetValueOrDefault(429) == 150,
            string.Join(", ", statuses.Select(s => $"{s.Value} x {s.Key}")) + "\n" + string.Join("\n", app.Logs.Lines.Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase)).Take(5)));
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests), r => Assert.Equal(0, Header(r, "X-RateLimit-ClientRemaining")));
        using var credits = await client.GetAsync("/3/credits");
        Assert.Equal(0, (await Envelope.DataAsync(credits)).GetProperty("ClientRemaining").GetInt64());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task UserHourlyLimit_Answers429WithRetryAfter_AndRefusalsCostNothing()
    {
        var (client, _) = await ClientWithLimitsAsync(userCreditsPerHour: 3);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.GetAsync("/3/image/NoSuch1");
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using var refused = await client.GetAsync("/3/image/NoSuch1");
        var (code, message) = await TooManyRequestsAsync(refused);
        using var refusedAgain = await client.GetAsync("/3/image/NoSuch1");

        Assert.Equal(429, code);
        Assert.Contains("this hour", message, StringComparison.Ordinal);
        Assert.Contains("2026-03-10T10:00:00Z", message, StringComparison.Ordinal);
        Assert.Equal("2400", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(0, Header(refused, "X-RateLimit-UserRemaining"));
        Assert.Equal(12_497, Header(refused, "X-RateLimit-ClientRemaining"));
        Assert.Equal(12_497, Header(refusedAgain, "X-RateLimit-ClientRemaining"));
    }

    [Fact]
    public async Task UserLimit_IsPerAccountAndPerAddress_AnotherAccountIsServedOnlyFromAnotherAddress()
    {
        var user = await app.SignedInClientAsync();
        await app.ChangeLimitsAsync(user.ClientId, new ClientLimitsAdministration.Change(null, 2, null, false));
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await user.Http.GetAsync("/3/image/NoSuch1");
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }
        using var refused = await user.Http.GetAsync("/3/image/NoSuch1");
        await TooManyRequestsAsync(refused);

        // Same application, another account: its own hourly budget, but not its address's, which the first one spent.
        var other = await app.SignedInClientAsync(clientId: user.ClientId);
        using var sameAddress = await other.Http.GetAsync("/3/image/NoSuch1");
        var elsewhere = await app.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/3/image/NoSuch1";
            context.Request.Headers.Authorization = other.Http.DefaultRequestHeaders.Authorization!.ToString();
            context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        });

        Assert.Contains("Your address has 0 of its 2 credits", (await TooManyRequestsAsync(sameAddress)).Message, StringComparison.Ordinal);
        Assert.Equal(404, elsewhere.Response.StatusCode);
        Assert.Equal("1", elsewhere.Response.Headers["X-RateLimit-UserRemaining"].ToString());
    }

    [Fact]
    public async Task ClientDailyLimit_Answers429NamingTheApplication_OtherAppsUnaffected()
    {
        var (client, _) = await ClientWithLimitsAsync(creditsPerDay: 2);
        var (otherApp, _) = await ClientWithLimitsAsync(creditsPerDay: 2);
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.GetAsync("/3/image/NoSuch1");
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using var refused = await client.GetAsync("/3/image/NoSuch1");
        var (_, message) = await TooManyRequestsAsync(refused);
        using var served = await otherApp.GetAsync("/3/image/NoSuch1");

        Assert.Contains("application has 0 of its 2 credits for today left and this request costs 1", message, StringComparison.Ordinal);
        Assert.Contains("2026-03-11T00:00:00Z", message, StringComparison.Ordinal);
        Assert.Equal(0, Header(refused, "X-RateLimit-ClientRemaining"));
        Assert.Equal(2, Header(refused, "X-RateLimit-ClientLimit"));
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
    }

    [Fact]
    public async Task Upload_WithFewerThanTenCreditsLeft_IsRefusedAndStoresNothing()
    {
        var (client, clientId) = await ClientWithLimitsAsync(creditsPerDay: 15);
        await client.UploadAsync(TestImages.Png());
        var files = (await app.StoredFilesAsync()).Count;

        using var refused = await client.PostAsync("/3/image", Uploads.Multipart(TestImages.Png()));

        await TooManyRequestsAsync(refused);
        Assert.Equal(5, Header(refused, "X-RateLimit-ClientRemaining"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Images.CountAsync(i => i.ClientId == clientId)));
        Assert.Equal(files, (await app.StoredFilesAsync()).Count);
        using var ordinary = await client.GetAsync("/3/image/NoSuch1");
        Assert.Equal(HttpStatusCode.NotFound, ordinary.StatusCode);
    }

    [Fact]
    public async Task HourBoundary_ResetsTheUserBudgetExactlyThen()
    {
        clock.SetUtcNow(NextBoundary(clock.GetUtcNow(), TimeSpan.FromHours(1)) - TimeSpan.FromSeconds(1));
        var (client, _) = await ClientWithLimitsAsync(userCreditsPerHour: 2);
        for (var i = 0; i < 2; i++)
        {
            using (await client.GetAsync("/3/image/NoSuch1"))
            {
            }
        }
        using var refused = await client.GetAsync("/3/image/NoSuch1");
        await TooManyRequestsAsync(refused);
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        var boundary = NextBoundary(clock.GetUtcNow(), TimeSpan.FromHours(1));
        Assert.Equal(boundary.ToUnixTimeSeconds(), Header(refused, "X-RateLimit-UserReset"));

        clock.Advance(TimeSpan.FromMilliseconds(999));
        using var stillRefused = await client.GetAsync("/3/image/NoSuch1");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        using var served = await client.GetAsync("/3/image/NoSuch1");

        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
        Assert.Equal(1, Header(served, "X-RateLimit-UserRemaining"));
        Assert.Equal(boundary.AddHours(1).ToUnixTimeSeconds(), Header(served, "X-RateLimit-UserReset"));
    }

    [Fact]
    public async Task DayBoundary_ResetsTheApplicationBudgetExactlyThen()
    {
        clock.SetUtcNow(NextBoundary(clock.GetUtcNow(), TimeSpan.FromDays(1)) - TimeSpan.FromMilliseconds(1));
        var (client, _) = await ClientWithLimitsAsync(creditsPerDay: 1);
        using (await client.GetAsync("/3/image/NoSuch1"))
        {
        }
        using var refused = await client.GetAsync("/3/image/NoSuch1");
        await TooManyRequestsAsync(refused);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        using var served = await client.GetAsync("/3/image/NoSuch1");

        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
        Assert.Equal(0, Header(served, "X-RateLimit-ClientRemaining"));
    }

    [Fact]
    public async Task PostLimit_CountsEveryApplicationFromOneAddress_AndSparesGets()
    {
        clock.SetUtcNow(NextBoundary(clock.GetUtcNow(), TimeSpan.FromHours(1)) + TimeSpan.FromMinutes(1));
        var (first, _) = await ClientWithLimitsAsync();
        var (second, _) = await ClientWithLimitsAsync();
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await first.PostAsync("/3/image/NoSuch1", new FormUrlEncodedContent([new("title", "x")]));
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }
        using var third = await second.PostAsync("/3/image/NoSuch1", new FormUrlEncodedContent([new("title", "x")]));
        // No commercial key is configured, so a gateway header is just a header.
        var withGatewayKey = new HttpRequestMessage(HttpMethod.Post, "/3/image/NoSuch1") { Content = new FormUrlEncodedContent([new("title", "x")]) };
        withGatewayKey.Headers.Add("X-RapidAPI-Key", "anything");
        using var refused = await second.SendAsync(withGatewayKey);
        var (_, message) = await TooManyRequestsAsync(refused);
        using var get = await second.GetAsync("/3/image/NoSuch1");

        Assert.Equal(0, Header(third, "X-Post-Rate-Limit-Remaining"));
        Assert.Contains("posting too fast", message, StringComparison.Ordinal);
        Assert.Equal("3540", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(3540, Header(refused, "X-Post-Rate-Limit-Reset"));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task CommercialApplication_IsExemptFromThePostLimit_ButNotFromCredits()
    {
        var (client, clientId) = await ClientWithLimitsAsync(creditsPerDay: 5);
        await app.ChangeLimitsAsync(clientId, new ClientLimitsAdministration.Change(null, null, true, false));
        for (var i = 0; i < 5; i++)
        {
            using var allowed = await client.PostAsync("/3/image/NoSuch1", new FormUrlEncodedContent([new("title", "x")]));
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
            Assert.False(allowed.Headers.Contains("X-Post-Rate-Limit-Remaining"));
        }
        using var refused = await client.PostAsync("/3/image/NoSuch1", new FormUrlEncodedContent([new("title", "x")]));
        Assert.Contains("credits for today", (await TooManyRequestsAsync(refused)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LimitLoweredBelowWhatIsUsed_CreditsStillAnswer_AndChargedCallsAreRefused()
    {
        var (client, clientId) = await ClientWithLimitsAsync(creditsPerDay: 10);
        for (var i = 0; i < 3; i++)
        {
            using (await client.GetAsync("/3/image/NoSuch1"))
            {
            }
        }
        await app.ChangeLimitsAsync(clientId, new ClientLimitsAdministration.Change(1, null, null, false));

        using var credits = await client.GetAsync("/3/credits");
        using var refused = await client.GetAsync("/3/image/NoSuch1");

        var data = await Envelope.DataAsync(credits);
        Assert.Equal(1, data.GetProperty("ClientLimit").GetInt64());
        Assert.Equal(0, data.GetProperty("ClientRemaining").GetInt64());
        await TooManyRequestsAsync(refused);
    }

    private static DateTimeOffset NextBoundary(DateTimeOffset now, TimeSpan window) =>
        DateTimeOffset.FromUnixTimeSeconds((now.ToUnixTimeSeconds() / (long)window.TotalSeconds + 1) * (long)window.TotalSeconds);
}

public sealed class MemoryCreditLimitTests : CreditLimitTests
{
    protected override PicshelfApp NewApp() => new();
}

public sealed class RedisCreditLimitTests(RedisServer redis) : CreditLimitTests, IClassFixture<RedisServer>
{
    protected override PicshelfApp NewApp() => new PicshelfApp()
        .With("Redis:Configuration", redis.Configuration)
        .With("Redis:KeyPrefix", $"test-{Guid.NewGuid():N}:");
}
