using System.Diagnostics.Metrics;
using System.Net;
using Picshelf.RateLimits;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.RateLimits.RateLimitHeaderTests;

namespace Picshelf.Tests.RateLimits;

/// <summary>What only the Redis counter promises: processes share it, and losing Redis does not lose the API.</summary>
public sealed class RedisCounterTests
{
    [Fact]
    public async Task TwoServersOnOneRedis_ShareThePostBudgetOfAnAddress()
    {
        await using var redis = new RedisServer();
        await redis.InitializeAsync();
        var prefix = $"test-{Guid.NewGuid():N}:";
        await using var first = new PicshelfApp().With("Redis:Configuration", redis.Configuration).With("Redis:KeyPrefix", prefix).With("RateLimits:PostsPerHour", "3");
        await using var second = new PicshelfApp().With("Redis:Configuration", redis.Configuration).With("Redis:KeyPrefix", prefix).With("RateLimits:PostsPerHour", "3");
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
        await using var app = new PicshelfApp().With("Redis:Configuration", redis.Configuration).With("Redis:KeyPrefix", prefix);
        var client = await app.AnonymousClientAsync();
        var clientId = PicshelfApp.ClientIdOf(client);
        using var failures = new RedisFailureCounter();

        using (var before = await client.GetAsync("/3/image/NoSuch1"))
        {
            Assert.Equal(12_499, Header(before, "X-RateLimit-ClientRemaining"));
        }
        var dayKey = $"{prefix}c:{clientId}:{DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 86400}";
        Assert.Equal("$1\r\n1\r\n", await redis.CommandAsync($"GET {dayKey}"));

        await redis.StopAsync();
        for (var i = 0; i < 5; i++)
        {
            using var during = await client.GetAsync("/3/image/NoSuch1");
            Assert.Equal(HttpStatusCode.NotFound, during.StatusCode);
            Header(during, "X-RateLimit-ClientRemaining");
        }
        Assert.True(failures.Count >= 5, $"{failures.Count} failures counted");

        await redis.StartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string? resumed = null;
        while (DateTime.UtcNow < deadline)
        {
            using var after = await client.GetAsync("/3/image/NoSuch1");
            Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
            var value = await redis.CommandAsync($"GET {dayKey}");
            if (!value.StartsWith("$-1", StringComparison.Ordinal))
            {
                resumed = value;
                break;
            }
            await Task.Delay(100);
        }
        Assert.NotNull(resumed);
    }

    /// <summary>Listens to the fail-open metric the Redis counter publishes.</summary>
    private sealed class RedisFailureCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private long count;

        public RedisFailureCounter()
        {
            listener.InstrumentPublished = (instrument, meters) =>
            {
                if (instrument.Meter.Name == RedisCreditCounter.MeterName)
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
