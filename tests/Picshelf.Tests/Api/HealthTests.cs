using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Api;

public sealed class HealthTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task Healthz_AnswersWhileTheProcessRuns_WithoutCredentials()
    {
        using var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal("alive", (await Envelope.DataAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_ChecksTheDatabaseAndTheBlobStore_AndLeavesNoProbeBehind()
    {
        using var response = await app.CreateClient().GetAsync("/readyz");

        var data = await Envelope.DataAsync(response);
        Assert.Equal("ok", data.GetProperty("database").GetString());
        Assert.Equal("ok", data.GetProperty("blob_store").GetString());
        Assert.Equal(TestBackend.IsScaleOut ? "ok" : "not configured", data.GetProperty("redis").GetString());
        Assert.DoesNotContain(await app.StoredFilesAsync(), f => f.Contains("probe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readyz_WithRedisDown_Is503NamingIt_AndRecoversWhenItReturns()
    {
        await using var redis = new RedisServer();
        await redis.InitializeAsync();
        await using var withRedis = new PicshelfApp().With("Redis:Configuration", redis.Configuration);
        using var client = withRedis.CreateClient();
        using (var up = await client.GetAsync("/readyz"))
        {
            Assert.Equal("ok", (await Envelope.DataAsync(up)).GetProperty("redis").GetString());
        }

        await redis.StopAsync();
        using var down = await client.GetAsync("/readyz");
        Assert.Equal("Not ready: redis unreachable", await Envelope.ErrorAsync(down, 503));

        await redis.StartAsync();
        var ready = false;
        for (var attempt = 0; attempt < 40 && !ready; attempt++)
        {
            using var again = await client.GetAsync("/readyz");
            ready = again.StatusCode == HttpStatusCode.OK;
            if (!ready)
            {
                await Task.Delay(250);
            }
        }
        Assert.True(ready, "readiness never came back after Redis returned");
    }
}
