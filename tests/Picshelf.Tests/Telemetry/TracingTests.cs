using System.Net;
using System.Text;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Telemetry;

/// <summary>With <c>Telemetry:OtlpEndpoint</c> each request's trace goes to an OpenTelemetry collector over OTLP.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task WithAnOtlpEndpoint_ARequestsTraceReachesTheCollector_NamedByItsRoute()
    {
        var port = PicshelfProcess.FreePort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = ReceiveTracesAsync(collector);

        await using (var app = new PicshelfApp().With("Telemetry:OtlpEndpoint", $"http://127.0.0.1:{port}/").With("Telemetry:OtlpProtocol", "http"))
        {
            var client = await app.AnonymousClientAsync();
            using var read = await client.GetAsync("/3/image/nosuchid");
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        var (path, contentType, body) = await received.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("/v1/traces", path);
        Assert.Equal("application/x-protobuf", contentType);
        // Protocol buffers carry strings as their UTF-8 bytes: the span's route and the service's name are in the body.
        var text = Encoding.UTF8.GetString(body);
        Assert.Contains("/3/image/{imageId}", text, StringComparison.Ordinal);
        Assert.Contains("picshelf", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOtlpProtocolOtherThanGrpcOrHttp_StopsTheStartNamingTheSetting()
    {
        await using var app = new PicshelfApp().With("Telemetry:OtlpEndpoint", "http://127.0.0.1:4317/").With("Telemetry:OtlpProtocol", "udp");
        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Telemetry:OtlpProtocol", failure.GetBaseException().Message, StringComparison.Ordinal);
    }

    private static async Task<(string Path, string? ContentType, byte[] Body)> ReceiveTracesAsync(HttpListener collector)
    {
        while (true)
        {
            var context = await collector.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            context.Response.StatusCode = 200;
            context.Response.Close();
            if (context.Request.Url?.AbsolutePath == "/v1/traces" && body.Length > 0)
            {
                return (context.Request.Url.AbsolutePath, context.Request.ContentType, body.ToArray());
            }
        }
    }
}
