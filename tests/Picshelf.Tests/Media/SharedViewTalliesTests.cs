using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Media;

/// <summary>View counts pooled in a real Redis: written once, and not lost when Redis goes away and comes back.</summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class SharedViewTalliesTests : IAsyncLifetime
{
    private readonly RedisServer redis = new();

    public Task InitializeAsync() => redis.InitializeAsync();

    public Task DisposeAsync() => redis.DisposeAsync();

    private static async Task<long> StoredViewsEventuallyAsync(PicshelfApp app, string imageId, long expected)
    {
        long stored = -1;
        for (var attempt = 0; attempt < 50 && stored != expected; attempt++)
        {
            await Task.Delay(100);
            stored = await app.WithDbAsync(db => db.Images.Where(i => i.Id == imageId).Select(i => i.Views).SingleAsync());
        }
        return stored;
    }

    [Fact]
    public async Task ViewsPooledInRedis_ReachTheDatabaseExactlyOnce_ThroughARedisOutage()
    {
        await using var app = new PicshelfApp().With("Redis:Configuration", redis.Configuration);
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;

        async Task ViewAsync(int times)
        {
            for (var view = 0; view < times; view++)
            {
                await client.GetByteArrayAsync($"/{id}.png");
            }
        }

        await ViewAsync(3);
        Assert.Equal(3, await StoredViewsEventuallyAsync(app, id, 3));
        // They went through the pool (the scripts' HINCRBYs), not straight from this process to the database.
        Assert.Contains("cmdstat_hincrby", await redis.CommandAsync("INFO commandstats"), StringComparison.Ordinal);

        await redis.StopAsync();
        await ViewAsync(2);
        Assert.Equal(5, await StoredViewsEventuallyAsync(app, id, 5));

        await redis.StartAsync();
        await ViewAsync(4);
        Assert.Equal(9, await StoredViewsEventuallyAsync(app, id, 9));
        // Nothing is left in the pool to be written a second time.
        await Task.Delay(500);
        Assert.Equal(9, await StoredViewsEventuallyAsync(app, id, 9));
    }
}
