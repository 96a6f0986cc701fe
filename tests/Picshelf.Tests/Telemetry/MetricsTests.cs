using System.Net;
using System.Text.RegularExpressions;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c> is off until <c>Telemetry:Metrics</c> turns it on; then a Prometheus scrape shows requests by route
/// template and status with their latencies, and what only Picshelf counts: uploads and their bytes, thumbnails made
/// and their time, hot-cache hits and misses, credits refused, and the queues. It shows no secret of any caller.
/// </summary>
public sealed partial class MetricsTests
{
    [Fact]
    public async Task Metrics_AreOffByDefault()
    {
        await using var app = new PicshelfApp();
        using var response = await app.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AScrape_AfterUploadsReadsAndARefusal_ShowsEveryCounterMoved()
    {
        await using var app = new PicshelfApp().With("Telemetry:Metrics", "true").With("RateLimits:UserCreditsPerHour", "40");
        var client = await app.AnonymousClientAsync();
        var upload = TestImages.Jpeg(400, 300);
        var id = (await client.UploadAsync(upload)).GetProperty("id").GetString()!;
        (await client.GetAsync($"/3/image/{id}")).EnsureSuccessStatusCode();
        await client.GetByteArrayAsync($"/{id}.jpg");
        await client.GetByteArrayAsync($"/{id}.jpg");
        await client.GetByteArrayAsync($"/{id}m.jpg");
        HttpStatusCode status;
        do
        {
            using var read = await client.GetAsync($"/3/image/{id}");
            status = read.StatusCode;
        }
        while (status == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);

        var scrape = await ScrapeAsync(app.CreateClient());

        Assert.True(Value(scrape, "http_server_request_duration_seconds_count", "http_route=\"/3/image/{imageId}\"", "http_response_status_code=\"200\"") >= 1);
        Assert.True(Value(scrape, "http_server_request_duration_seconds_count", "http_route=\"/3/image/{imageId}\"", "http_response_status_code=\"429\"") >= 1);
        // At least: OpenTelemetry takes every meter of this name in the process, and other test classes' servers run
        // beside this one (a server runs alone in its process, where these counts are exact).
        Assert.True(Value(scrape, "picshelf_uploads_total", "kind=\"image\"") >= 1);
        Assert.True(Value(scrape, "picshelf_uploads_size_bytes_total", "kind=\"image\"") >= upload.Length);
        Assert.True(Value(scrape, "picshelf_thumbnails_duration_seconds_count") >= 1);
        Assert.True(Value(scrape, "picshelf_hot_cache_lookups_total", "result=\"hit\"") >= 1);
        Assert.True(Value(scrape, "picshelf_hot_cache_lookups_total", "result=\"miss\"") >= 1);
        Assert.True(Value(scrape, "picshelf_credits_refused_total", "budget=\"user\"") >= 1);
        Assert.Matches("(?m)^picshelf_renditions_queued\\{[^\\n]*kind=\"video\"", scrape);
        Assert.Matches("(?m)^picshelf_media_work_waiting\\{", scrape);
    }

    [Fact]
    public async Task AScrape_ShowsNoTokenSecretDeletehashOrEmailAddress()
    {
        await using var app = new PicshelfApp().With("Telemetry:Metrics", "true");
        var signedIn = await app.SignedInClientAsync();
        var uploaded = await signedIn.Http.UploadAsync(TestImages.Png());
        var deleteHash = uploaded.GetProperty("deletehash").GetString()!;
        var anonymous = await app.AnonymousClientAsync();
        var anonymousHash = (await anonymous.UploadAsync(TestImages.Png())).GetProperty("deletehash").GetString()!;
        (await anonymous.DeleteAsync($"/3/image/{anonymousHash}")).EnsureSuccessStatusCode();
        (await signedIn.Http.GetAsync($"/3/account/{signedIn.Username}/settings")).EnsureSuccessStatusCode();
        using (await app.CreateClient().GetAsync($"/3/image/{deleteHash}?client_secret=secret-in-query&access_token={signedIn.Token.AccessToken}"))
        {
        }

        var scrape = await ScrapeAsync(app.CreateClient());

        foreach (var secret in new[] { signedIn.Token.AccessToken, signedIn.Token.RefreshToken, deleteHash, anonymousHash, "secret-in-query", "@", signedIn.Username })
        {
            Assert.DoesNotContain(secret, scrape, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// With <c>Telemetry:MetricsPort</c> the scrape is served on that port only: the public port answers 404 even to a
    /// request whose Host header names the metrics port.
    /// </summary>
    [Fact]
    [Trait(TestBackend.Trait, TestBackend.Own)]
    public async Task WithAMetricsPort_OnlyThatPortServesTheScrape()
    {
        var data = Directory.CreateTempSubdirectory("picshelf-metrics-").FullName;
        try
        {
            var metricsPort = PicshelfProcess.FreePort();
            await using var server = await PicshelfServer.StartAsync(data, ["--Telemetry:Metrics=true", $"--Telemetry:MetricsPort={metricsPort}"],
                alsoListenOn: $"http://127.0.0.1:{metricsPort}");
            using var http = new HttpClient();
            using (var onMetricsPort = await http.GetAsync($"http://127.0.0.1:{metricsPort}/metrics"))
            {
                Assert.Equal(HttpStatusCode.OK, onMetricsPort.StatusCode);
                Assert.Contains("target_info", await onMetricsPort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            using (var onPublicPort = await http.GetAsync(new Uri(server.BaseAddress, "/metrics")))
            {
                Assert.Equal(HttpStatusCode.NotFound, onPublicPort.StatusCode);
            }
            using var forged = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "/metrics"));
            forged.Headers.Host = $"127.0.0.1:{metricsPort}";
            using var answer = await http.SendAsync(forged);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's samples whose labels include every one given (0 when there is none).</summary>
    private static double Value(string scrape, string metric, params string[] labels) =>
        Sample().Matches(scrape)
            .Where(sample => sample.Groups["name"].Value == metric && labels.All(label => sample.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .Sum(sample => double.Parse(sample.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(?:\{(?<labels>.*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
