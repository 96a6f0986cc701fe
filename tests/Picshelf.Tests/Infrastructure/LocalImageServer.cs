using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Picshelf.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on loopback that plays the remote side of uploads by URL: an image, a 404,
/// a slow answer, an oversized one and redirects. It listens on 127.0.0.2 (the allowed host in
/// tests) and on 127.0.0.1 (a forbidden one), so refusals are not mere connection failures.
/// </summary>
public sealed class LocalImageServer : IAsyncLifetime
{
    private WebApplication? app;

    public byte[] Image { get; } = TestImages.Png(21, 13);

    public string AllowedBase { get; private set; } = "";

    public string LoopbackBase { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.2:0", "http://127.0.0.1:0");
        app = builder.Build();
        app.MapGet("/image.png", () => Results.Bytes(Image, "image/png"));
        app.MapGet("/missing", () => Results.NotFound());
        app.MapGet("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), ct);
            return Results.Bytes(Image, "image/png");
        });
        app.MapGet("/huge", (HttpContext context) =>
        {
            context.Response.ContentType = "image/png";
            return context.Response.Body.WriteAsync(new byte[3 * 1024 * 1024]).AsTask();
        });
        app.MapGet("/cut-short", async (HttpContext context) =>
        {
            context.Response.ContentLength = 100_000;
            await context.Response.Body.WriteAsync(Image.AsMemory(0, 10));
            context.Abort();
        });
        app.MapGet("/redirect-ok", () => Results.Redirect("/image.png"));
        app.MapGet("/redirect-to-loopback", () => Results.Redirect(LoopbackBase + "/image.png"));
        app.MapGet("/redirect-invalid", (HttpContext context) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "//host:99999/x";
        });
        app.MapGet("/redirect-forever", () => Results.Redirect("/redirect-forever"));
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        AllowedBase = addresses.Single(a => a.Contains("127.0.0.2", StringComparison.Ordinal));
        LoopbackBase = addresses.Single(a => a.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
