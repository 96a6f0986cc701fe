using System.Net;
using Microsoft.EntityFrameworkCore;
using Picshelf.RateLimits;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.Forms;

namespace Picshelf.Tests.Data;

/// <summary>
/// Picshelf on a real PostgreSQL server: its own migrations, and the paths that touch every kind of query
/// (uploads, edits, albums, accounts, the credits' monthly bookkeeping with its raw upsert).
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class PostgresProviderTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private async Task<PicshelfApp> AppAsync() =>
        new PicshelfApp().With("Database:Provider", "postgres").With("Database:ConnectionString", await postgres.NewDatabaseAsync());

    [Fact]
    public async Task TheMainPaths_WorkOnPostgres()
    {
        await using var app = await AppAsync();
        var anonymous = await app.AnonymousClientAsync();
        var user = await app.SignedInClientAsync();
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", await app.WithDbAsync(db => Task.FromResult(db.Database.ProviderName)));

        var anonymousImage = await anonymous.UploadAsync(TestImages.Png(), ("title", "On Postgres"));
        var own = (await user.Http.UploadAsync(TestImages.Jpeg())).GetProperty("id").GetString()!;
        using var read = await anonymous.GetAsync($"/3/image/{anonymousImage.GetProperty("id").GetString()}");
        using var updated = await user.Http.PostAsync($"/3/image/{own}", Form(("title", "Renamed")));
        using var favorited = await user.Http.PostAsync($"/3/image/{anonymousImage.GetProperty("id").GetString()}/favorite", null);
        using var album = await user.Http.PostAsync("/3/album", Form(("ids", own), ("deletehashes", anonymousImage.GetProperty("deletehash").GetString()!)));
        var albumId = (await Envelope.DataAsync(album)).GetProperty("id").GetString()!;
        using var removed = await user.Http.DeleteAsync($"/3/album/{albumId}/remove_images?ids={own}");
        using var albumRead = await user.Http.GetAsync($"/3/album/{albumId}");
        using var settings = await user.Http.PutAsync("/3/account/me/settings", Form(("bio", "pg"), ("album_privacy", "secret")));
        using var favorites = await user.Http.GetAsync("/3/account/me/favorites");
        using var images = await user.Http.GetAsync("/3/account/me/images/count");
        using var comments = await user.Http.GetAsync("/3/account/me/comments");

        Assert.Equal("On Postgres", (await Envelope.DataAsync(read)).GetProperty("title").GetString());
        Assert.True((await Envelope.DataAsync(updated)).GetBoolean());
        Assert.Equal("favorited", (await Envelope.DataAsync(favorited)).GetString());
        Assert.Equal(1, (await Envelope.DataAsync(albumRead)).GetProperty("images_count").GetInt32());
        Assert.True((await Envelope.DataAsync(settings)).GetBoolean());
        Assert.Equal(1, (await Envelope.DataAsync(favorites)).GetArrayLength());
        Assert.Equal(1, (await Envelope.DataAsync(images)).GetInt32());
        Assert.Equal(0, (await Envelope.DataAsync(comments)).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
    }

    [Fact]
    public async Task TheDailyLimitBookkeeping_UsesItsUpsertOnPostgres()
    {
        await using var app = await AppAsync();
        var client = await app.AnonymousClientAsync();
        var clientId = PicshelfApp.ClientIdOf(client);
        await app.ChangeLimitsAsync(clientId, new ClientLimitsAdministration.Change(1, null, null, false));

        using (await client.GetAsync("/3/image/NoSuch1"))
        {
        }
        using var refused = await client.GetAsync("/3/image/NoSuch1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.DailyLimitHits.CountAsync(h => h.ClientId == clientId)));
    }

    [Fact]
    public async Task TwoServersMigratingOneDatabaseAtOnce_BothStart()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await using var first = new PicshelfApp().With("Database:Provider", "postgres").With("Database:ConnectionString", connectionString);
        await using var second = new PicshelfApp().With("Database:Provider", "postgres").With("Database:ConnectionString", connectionString);

        var clients = await Task.WhenAll(Task.Run(() => first.CreateClient()), Task.Run(() => second.CreateClient()));
        using var healthy = await clients[0].GetAsync("/readyz");
        using var alsoHealthy = await clients[1].GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alsoHealthy.StatusCode);
    }
}
