using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Data;

/// <summary>A PostgreSQL server of its own, stopped and started under a running Picshelf, and one that is never there.</summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly PostgresServer postgres = new();

    public Task InitializeAsync() => postgres.InitializeAsync();

    public Task DisposeAsync() => postgres.DisposeAsync();

    [Fact]
    public async Task DatabaseGoingAway_Answers503Envelopes_AndRecoversWhenItReturns()
    {
        await using var app = new PicshelfApp().With("Database:Provider", "postgres").With("Database:ConnectionString", await postgres.NewDatabaseAsync());
        var client = await app.AnonymousClientAsync();
        var image = (await client.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;

        await postgres.StopAsync();
        using var during = await client.GetAsync("/3/album/NoAlbum1");
        using var ready = await client.GetAsync("/readyz");
        Assert.Equal("The service is unavailable: its database cannot be reached", await Envelope.ErrorAsync(during, 503));
        Assert.Equal("5", during.Headers.GetValues("Retry-After").Single());
        Assert.Equal("Not ready: database unreachable", await Envelope.ErrorAsync(ready, 503));

        await postgres.StartAsync();
        var recovered = false;
        var seen = new List<string>();
        for (var attempt = 0; attempt < 40 && !recovered; attempt++)
        {
            using var again = await client.GetAsync($"/3/image/{image}");
            recovered = again.StatusCode == HttpStatusCode.OK;
            seen.Add((int)again.StatusCode + " " + await again.Content.ReadAsStringAsync());
            if (!recovered)
            {
                await Task.Delay(250);
            }
        }
        Assert.True(recovered, "requests never succeeded again after the database came back: " + string.Join(" | ", seen.Distinct()));
    }

    [Fact]
    public async Task Healthz_WithASessionCookie_Answers200_WhileTheDatabaseIsDown()
    {
        await using var app = new PicshelfApp().With("Database:Provider", "postgres").With("Database:ConnectionString", await postgres.NewDatabaseAsync());
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();

        await postgres.StopAsync();
        // Past the time a session's stamp is kept, so a cookie that reached authentication would be looked up.
        await Task.Delay(Picshelf.Accounts.AccountSessions.CheckInterval + TimeSpan.FromMilliseconds(200));
        using var alive = await browser.GetAsync("/healthz");
        using var ready = await browser.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("alive", (await Envelope.DataAsync(alive)).GetProperty("status").GetString());
        Assert.Equal("Not ready: database unreachable", await Envelope.ErrorAsync(ready, 503));
    }

    [Fact]
    public async Task AnUnreachableDatabaseAtStart_StopsTheServerWithAMessageNamingIt()
    {
        var port = PicshelfProcess.FreePort();
        var data = Directory.CreateTempSubdirectory("picshelf-nodb-").FullName;
        try
        {
            var result = await PicshelfProcess.RunAsync("serve", "--urls", $"http://127.0.0.1:{PicshelfProcess.FreePort()}", "--data", data,
                "--Database:Provider=postgres", $"--Database:ConnectionString=Host=127.0.0.1;Port={port};Username=postgres;Password=hunter2;Database=nowhere;Timeout=3");

            Assert.NotEqual(0, result.ExitCode);
            var output = result.Stdout + result.Stderr;
            Assert.Contains("The postgres database cannot be reached", output, StringComparison.Ordinal);
            Assert.Contains($"port={port}", output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
