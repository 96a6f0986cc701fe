using System.Net;
using System.Net.Http.Headers;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.CommandLine;

/// <summary>
/// SIGTERM, as systemd or a rolling upgrade sends it, stops the server gracefully: the uploads in flight finish and are
/// answered, the view and bandwidth counts held in memory are written, and the process exits with status 0.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class GracefulStopTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("picshelf-stop-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    /// <summary>An upload body sent slowly, a piece every 100 ms; <see cref="Started"/> completes once the first piece is out.</summary>
    private sealed class SlowContent(byte[] bytes) : HttpContent
    {
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => started.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            const int pieces = 20;
            var piece = (bytes.Length + pieces - 1) / pieces;
            for (var offset = 0; offset < bytes.Length; offset += piece)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(piece, bytes.Length - offset)));
                await stream.FlushAsync();
                started.TrySetResult();
                await Task.Delay(100);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }

    [Fact]
    public async Task Sigterm_FinishesTheUploadsInFlight_WritesTheCountsItHolds_AndExitsZero()
    {
        var clientId = (await PicshelfProcess.RunAsync("clients", "create", "--name", "app", "--data", data)).Json().GetProperty("client_id").GetString()!;
        // Counts stay in memory until the stop writes them.
        string[] configuration = ["--Media:ViewFlushInterval=01:00:00", "--Server:ShutdownTimeout=00:00:30"];
        var server = await PicshelfServer.StartAsync(data, configuration);
        string viewed;
        HttpResponseMessage inFlight;
        await using (server)
        {
            using var client = server.Client(clientId);
            viewed = (await client.UploadAsync(TestImages.Jpeg(320, 240))).GetProperty("id").GetString()!;
            var original = await client.GetByteArrayAsync($"/{viewed}.jpg");
            await client.GetByteArrayAsync($"/{viewed}.jpg");
            var body = new SlowContent(TestImages.Jpeg(640, 480));
            body.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            var upload = client.PostAsync("/3/image", body);
            await body.Started;

            var exitCode = await server.StopAsync();

            inFlight = await upload;
            Assert.Equal(HttpStatusCode.OK, inFlight.StatusCode);
            Assert.Equal(0, exitCode);
            Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
            Assert.True(original.Length > 0);
        }

        await using var restarted = await PicshelfServer.StartAsync(data, configuration);
        using var reader = restarted.Client(clientId);
        var image = await Envelope.DataAsync(await reader.GetAsync($"/3/image/{viewed}"));
        Assert.Equal(2, image.GetProperty("views").GetInt32());
        Assert.Equal(2L * image.GetProperty("size").GetInt32(), image.GetProperty("bandwidth").GetInt64());
        var uploaded = await Envelope.DataAsync(inFlight);
        using var stored = await reader.GetAsync($"/{uploaded.GetProperty("id").GetString()}.jpg");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        inFlight.Dispose();
    }
}
