using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Picshelf.Storage;
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
        // The finding before the outage may be answered for up to a second more.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
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

    [Fact]
    public async Task Readyz_AThousandConcurrentCalls_AllAnswer200_SharingAFewProbesOnUniqueKeys()
    {
        await using var watched = new WatchedStoreApp();
        using var client = watched.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async _ =>
        {
            using var response = await client.GetAsync("/readyz");
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        var probes = watched.Store.ProbeKeys;
        Assert.InRange(probes.Count, 1, 30);
        Assert.Equal(probes.Count, probes.Distinct().Count());
        Assert.DoesNotContain(await watched.StoredFilesAsync(), f => f.Contains("probe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readyz_WithAFailingStore_Answers503NamingIt_ToEveryCaller_WhileHealthzTouchesNothing()
    {
        await using var watched = new WatchedStoreApp();
        watched.Store.Failing = true;
        using var client = watched.CreateClient();

        var refusals = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await client.GetAsync("/readyz");
            return await Envelope.ErrorAsync(response, 503);
        }));
        var probes = watched.Store.ProbeKeys.Count;
        using var alive = await client.GetAsync("/healthz");

        Assert.All(refusals, message => Assert.Equal("Not ready: blob store unreachable", message));
        Assert.Equal("alive", (await Envelope.DataAsync(alive)).GetProperty("status").GetString());
        Assert.Equal(probes, watched.Store.ProbeKeys.Count);
    }

    [Fact]
    public async Task Readyz_WithAStoreSlowerThanTheCheck_Is503_AndStillDeletesItsProbe()
    {
        await using var watched = new WatchedStoreApp();
        watched.Store.ProbeReadDelay = TimeSpan.FromSeconds(10);
        using var client = watched.CreateClient();

        using var slow = await client.GetAsync("/readyz");
        var left = await watched.StoredFilesAsync();
        for (var attempt = 0; attempt < 20 && left.Any(f => f.Contains("probe", StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(250);
            left = await watched.StoredFilesAsync();
        }

        Assert.Equal("Not ready: blob store unreachable", await Envelope.ErrorAsync(slow, 503));
        Assert.Single(watched.Store.ProbeKeys);
        Assert.DoesNotContain(left, f => f.Contains("probe", StringComparison.Ordinal));
    }

    /// <summary>
    /// The server's own blob store, watched: which probe keys were written, a switch that makes every write fail, and a
    /// delay before a probe is read back. Like a remote store, it refuses work on a cancelled token.
    /// </summary>
    private sealed class WatchedStoreApp : PicshelfApp
    {
        public WatchedStore Store { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IBlobStore>(provider =>
                Store.Around(StorageFeature.BlobStoreOf(provider.GetRequiredService<IOptions<StorageOptions>>().Value.Provider, provider))));
        }
    }

    private sealed class WatchedStore : IBlobStore
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> probeKeys = new();
        private IBlobStore inner = null!;

        public bool Failing { get; set; }

        public IReadOnlyList<string> ProbeKeys => [.. probeKeys];

        public WatchedStore Around(IBlobStore store)
        {
            inner = store;
            return this;
        }

        public Task PutAsync(string key, Stream content, CancellationToken cancellationToken)
        {
            if (key.StartsWith("health/", StringComparison.Ordinal))
            {
                probeKeys.Enqueue(key);
            }
            return Failing ? throw new BlobStoreUnavailableException(key, new IOException("refused")) : inner.PutAsync(key, content, cancellationToken);
        }

        public TimeSpan ProbeReadDelay { get; set; }

        public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
        {
            if (key.StartsWith("health/", StringComparison.Ordinal))
            {
                await Task.Delay(ProbeReadDelay, cancellationToken);
            }
            return await inner.OpenReadAsync(key, cancellationToken);
        }

        public Task<Stream?> OpenSeekableAsync(string key, long length, CancellationToken cancellationToken) => inner.OpenSeekableAsync(key, length, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return inner.DeleteAsync(key, cancellationToken);
        }

        public string? LocalRelativePath(string key) => inner.LocalRelativePath(key);

        public Task RemoveIncompleteWritesAsync(CancellationToken cancellationToken) => inner.RemoveIncompleteWritesAsync(cancellationToken);

        public IAsyncEnumerable<StoredBlob> ListAsync(string keyPrefix, CancellationToken cancellationToken) => inner.ListAsync(keyPrefix, cancellationToken);
    }
}
