using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Picshelf.RateLimits;
using Picshelf.Telemetry;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.ResponseHeaders;

namespace Picshelf.Tests.RateLimits;

/// <summary>What only the Redis counter promises: processes share it, and losing Redis does not lose the API.</summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class RedisCounterTests
{
    [Fact]
    public async Task TwoServersOnOneRedis_ShareThePostBudgetOfAnAddress()
    {
        await using var redis = new RedisServer();
        await redis.InitializeAsync();
        var prefix = $"test-{Guid.NewGuid():N}:";
        // A first charge also connects; on a loaded machine that outlasted the default half second once, and the server
        // counted alone, as it must when Redis is slow. This test is about sharing, so it gives Redis time.
        PicshelfApp SharingApp() => new PicshelfApp().With("Redis:Configuration", redis.Configuration).With("Redis:KeyPrefix", prefix)
            .With("Redis:OperationTimeout", "00:00:10").With("RateLimits:PostsPerHour", "3");
        await using var first = SharingApp();
        await using var second = SharingApp();
        var firstClient = await first.AnonymousClientAsync();
        var secondClient = await second.AnonymousClientAsync();

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await firstClient.PostAsync("/3/image/NoSuch1", new FormUrlEncodedContent([new("title", "x")]));
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }
        using var refused = await secondClient.PostAsync("/3/image/NoSuch1", new FormUrlEncodedContent([new("title", "x")]));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task RedisGoingAway_RequestsAreStillServed_CountedAndLogged_AndChargingResumesWhenItReturns()
    {
        await using var redis = new RedisServer();
        await redis.InitializeAsync();
        var prefix = $"test-{Guid.NewGuid():N}:";
        var clock = new FakeTimeProvider(FixedClockApp.Now);
        await using var app = new PicshelfApp().With("Redis:Configuration", redis.Configuration).With("Redis:KeyPrefix", prefix).WithClock(clock);
        var client = await app.AnonymousClientAsync();
        var clientId = PicshelfApp.ClientIdOf(client);
        await app.ChangeLimitsAsync(clientId, new ClientLimitsAdministration.Change(null, 4, null, false));
        using var failures = new RedisFailureCounter(app.Services.GetRequiredService<IMeterFactory>());
        var dayKey = $"{prefix}c:{clientId}:{FixedClockApp.Now.ToUnixTimeSeconds() / 86400}";

        using (var before = await client.GetAsync("/3/image/NoSuch1"))
        {
            Assert.Equal(12_499, Header(before, "X-RateLimit-ClientRemaining"));
        }
        Assert.Equal("$1\r\n1\r\n", await redis.CommandAsync($"GET {dayKey}"));

        await redis.StopAsync();
        for (var i = 0; i < 4; i++)
        {
            using var during = await client.GetAsync("/3/image/NoSuch1");
            Assert.Equal(HttpStatusCode.NotFound, during.StatusCode);
            Header(during, "X-RateLimit-ClientRemaining");
        }
        // This process's own counter still holds the line while Redis is away.
        using (var overLimit = await client.GetAsync("/3/image/NoSuch1"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, overLimit.StatusCode);
        }
        Assert.Equal(5, failures.Count);
        Assert.Single(app.Logs.Lines, line => line.Contains("Redis cannot be reached", StringComparison.Ordinal));

        await redis.StartAsync();
        var resumed = false;
        for (var attempt = 0; attempt < 30 && !resumed; attempt++)
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            using var after = await client.GetAsync("/3/credits");
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            using var charged = await client.GetAsync("/3/image/NoSuch1");
            resumed = !(await redis.CommandAsync($"GET {dayKey}")).StartsWith("$-1", StringComparison.Ordinal);
            if (!resumed)
            {
                await Task.Delay(500);
            }
        }
        Assert.True(resumed, "charges never reached Redis again");
        Assert.Contains(app.Logs.Lines, line => line.Contains("Redis is reachable again", StringComparison.Ordinal));
    }

    /// <summary>Listens to the fail-open metric one server's Redis counter publishes.</summary>
    private sealed class RedisFailureCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private long count;

        public RedisFailureCounter(IMeterFactory ofServer)
        {
            listener.InstrumentPublished = (instrument, meters) =>
            {
                if (instrument is { Name: "picshelf.credits.redis_failures", Meter.Name: PicshelfMetrics.MeterName } && instrument.Meter.Scope == ofServer)
                {
                    meters.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref count, value));
            listener.Start();
        }

        public long Count => Interlocked.Read(ref count);

        public void Dispose() => listener.Dispose();
    }
}
