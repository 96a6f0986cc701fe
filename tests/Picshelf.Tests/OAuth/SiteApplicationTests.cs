using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Picshelf.Data;
using Picshelf.OAuth;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.OAuth;

/// <summary>The site's own application: one row, named after the site, owned by nobody, and charged like any other.</summary>
public sealed class SiteApplicationTests
{
    [Fact]
    public async Task TheSiteApplication_IsOneOwnerlessRowNamedAfterTheSite_AndIsCharged()
    {
        await using var app = new PicshelfApp().With("Web:SiteName", "Shelfie");
        using var site = app.CreateClient();
        site.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Client-ID", SiteApplication.ClientId);

        using var upload = await site.PostAsync("/3/image", Uploads.Multipart(TestImages.Png()));

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.True(int.Parse(upload.Headers.GetValues("X-RateLimit-ClientRemaining").Single()) < int.Parse(upload.Headers.GetValues("X-RateLimit-ClientLimit").Single()));
        var rows = await app.WithDbAsync(db => db.Clients.AsNoTracking().Where(c => c.Id == SiteApplication.ClientId).ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal("Shelfie", row.Name);
        Assert.Null(row.OwnerAccountId);
        Assert.Null(row.DeletedAt);
    }

    [Fact]
    public async Task AnAccountsApplicationsPage_NeitherListsNorDeletesTheSiteApplication()
    {
        await using var app = new PicshelfApp();
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();

        using var apps = await browser.GetAsync("/account/settings/apps");
        Assert.DoesNotContain(SiteApplication.ClientId, browser.LastPage, StringComparison.Ordinal);
        using var deleted = await browser.PostAsync("/account/settings/apps?handler=Delete", ("clientId", SiteApplication.ClientId));

        Assert.NotNull(await app.WithDbAsync(db => db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == SiteApplication.ClientId && c.DeletedAt == null)));
    }
}

/// <summary>Real processes: the site application outlives a restart, and processes starting at once on one database share one.</summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class SiteApplicationRestartTests(SharedBackends backends) : IClassFixture<SharedBackends>, IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("picshelf-site-app-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    private static async Task<HttpStatusCode> UploadAsync(PicshelfServer server)
    {
        using var http = server.Client(SiteApplication.ClientId);
        using var response = await http.PostAsync("/3/image", Uploads.Multipart(TestImages.Png()));
        return response.StatusCode;
    }

    private static async Task<(int Rows, long CreatedAt)> SiteRowsAsync(PicshelfDb db)
    {
        await using (db)
        {
            var rows = await db.Clients.AsNoTracking().Where(c => c.Id == SiteApplication.ClientId).Select(c => c.CreatedAt).ToListAsync();
            return (rows.Count, rows.FirstOrDefault());
        }
    }

    [Fact]
    public async Task OnTheEmbeddedDatabase_TheSiteApplicationSurvivesARestartAsTheSameRow()
    {
        var folder = Path.Combine(data, "embedded");
        SqlitePicshelfDb Open() => new(new DbContextOptionsBuilder<SqlitePicshelfDb>().UseSqlite($"Data Source={Path.Combine(folder, "picshelf.db")};Pooling=false").Options);

        await using (var first = await PicshelfServer.StartAsync(folder, []))
        {
            Assert.Equal(HttpStatusCode.OK, await UploadAsync(first));
        }
        var before = await SiteRowsAsync(Open());
        await using (var second = await PicshelfServer.StartAsync(folder, []))
        {
            Assert.Equal(HttpStatusCode.OK, await UploadAsync(second));
        }

        Assert.Equal(1, before.Rows);
        Assert.Equal(before, await SiteRowsAsync(Open()));
    }

    [Fact]
    public async Task TwoProcessesStartingAtOnceOnOnePostgres_ShareOneSiteApplication()
    {
        var settings = await backends.NewInstallationAsync();
        string[] configuration = [.. settings.Select(s => $"--{s.Key}={s.Value}")];

        var startingA = PicshelfServer.StartAsync(Path.Combine(data, "a"), configuration);
        var startingB = PicshelfServer.StartAsync(Path.Combine(data, "b"), configuration);
        await using var a = await startingA;
        await using var b = await startingB;

        Assert.Equal(HttpStatusCode.OK, await UploadAsync(a));
        Assert.Equal(HttpStatusCode.OK, await UploadAsync(b));
        var connection = settings.Single(s => s.Key == "Database:ConnectionString").Value;
        Assert.Equal(1, (await SiteRowsAsync(new PostgresPicshelfDb(new DbContextOptionsBuilder<PostgresPicshelfDb>().UseNpgsql(connection).Options))).Rows);
    }
}
