using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Picshelf.Api;
using Picshelf.Gallery;
using Picshelf.Images;
using Picshelf.OAuth;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Gallery;

/// <summary>
/// The SQLite upgrade that numbers search index rows by time (GallerySearchByTime) keeps every post findable, in time
/// order, beside posts shared after it. SQLite only: PostgreSQL's index did not change.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class GallerySearchUpgradeTests : IDisposable
{
    private readonly PicshelfApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task PostsIndexedBeforeTheUpgrade_AreFoundAfterIt_InTimeOrder_BesidePostsSharedSince()
    {
        var word = "upgraded" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (older, newer) = (IdGenerator.NewId(), IdGenerator.NewId());
        await using (var db = app.OpenDatabaseBeforeStart())
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_GallerySearchByTime", StringComparison.Ordinal)) - 1]);
            var accountId = await OlderSchema.InsertAccountAsync(db, "indexed", now);
            db.Clients.Add(new Client { Id = "0123456789abcde", SecretHash = "-", Name = "Before the upgrade", CreatedAt = now });
            await db.SaveChangesAsync();
            foreach (var (id, sharedAt) in new[] { (older, now - 86400), (newer, now - 60) })
            {
                await OlderSchema.InsertImageAsync(db, id, accountId, "0123456789abcde", "image/png", animated: false, sharedAt);
                db.GalleryItems.Add(new GalleryItem { Id = id, AccountId = accountId, Title = $"{word} {id}", CreatedAt = sharedAt });
                await db.SaveChangesAsync();
                // The index row as the schema before the upgrade held it: numbered by the id's base-62 value.
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO gallery_search (rowid, id, title, body) VALUES ({IdGenerator.NumberOf(id)}, {id}, {word + " " + id}, {"indexed"})");
            }
        }
        var sharer = await app.SignedInClientAsync();
        var shared = await sharer.Http.ShareNewImageAsync($"{word} shared after");
        var visitor = await app.AnonymousClientAsync();

        Assert.Equal([shared, newer, older], await IdsAsync(visitor, $"/3/gallery/search/time/all/0?q={word}"));
        Assert.Equal([newer, older], await IdsAsync(visitor, $"/3/gallery/search/time/all/0?q={word} user:indexed"));
        Assert.Equal(new[] { shared, newer, older }.Order(), (await IdsAsync(visitor, $"/3/gallery/search/top/all/0?q={word}")).Order());
        Assert.Equal([older], await IdsAsync(visitor, $"/3/gallery/search/time/all/0?q={older}"));
    }

    private static async Task<List<string>> IdsAsync(HttpClient client, string path)
    {
        using var found = await client.GetAsync(path);
        return (await Envelope.DataAsync(found)).EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }
}
