using Microsoft.EntityFrameworkCore;
using Picshelf.Albums;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Albums;

/// <summary>
/// The account routes that read albums. Creating albums is the album routes' work (issue 5); these tests put
/// rows in the album tables directly, and prove the empty answers too.
/// </summary>
public sealed class AccountAlbumTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private async Task<Album> AlbumAsync(SignedInClient owner, string privacy, long createdAt, params string[] imageIds)
    {
        var album = new Album
        {
            Id = "Al" + Guid.NewGuid().ToString("N")[..5], DeleteHash = Guid.NewGuid().ToString("N")[..15], AccountId = owner.AccountId,
            ClientId = owner.ClientId, Title = "Trip " + createdAt, Privacy = privacy, CreatedAt = createdAt,
        };
        await app.WithDbAsync(async db =>
        {
            db.Albums.Add(album);
            db.AlbumImages.AddRange(imageIds.Select((id, position) => new AlbumImage { AlbumId = album.Id, ImageId = id, Position = position }));
            return await db.SaveChangesAsync();
        });
        return album;
    }

    [Fact]
    public async Task WithoutAlbums_ListsAreEmptyAndCountZero()
    {
        var user = await app.SignedInClientAsync();

        using var list = await user.Http.GetAsync("/3/account/me/albums");
        using var ids = await user.Http.GetAsync("/3/account/me/albums/ids/0");
        using var count = await user.Http.GetAsync("/3/account/me/albums/count");
        using var one = await user.Http.GetAsync("/3/account/me/album/NoAlbum");

        Assert.Equal(0, (await Envelope.DataAsync(list)).GetArrayLength());
        Assert.Equal(0, (await Envelope.DataAsync(ids)).GetArrayLength());
        Assert.Equal(0, (await Envelope.DataAsync(count)).GetInt32());
        Assert.Equal("Unable to find an album with the id, NoAlbum", await Envelope.ErrorAsync(one, 404));
    }

    [Fact]
    public async Task TheOwnerSeesEveryAlbum_OthersOnlyPublicOnes_InLists()
    {
        var owner = await app.SignedInClientAsync();
        var publicAlbum = await AlbumAsync(owner, "public", 100);
        var hidden = await AlbumAsync(owner, "hidden", 200);
        var secret = await AlbumAsync(owner, "secret", 300);
        var visitor = await app.AnonymousClientAsync();

        using var own = await owner.Http.GetAsync("/3/account/me/albums/ids");
        using var theirs = await visitor.GetAsync($"/3/account/{owner.Username}/albums/ids");
        using var ownCount = await owner.Http.GetAsync("/3/account/me/albums/count");
        using var theirCount = await visitor.GetAsync($"/3/account/{owner.Username}/albums/count");
        using var theirList = await visitor.GetAsync($"/3/account/{owner.Username}/albums/0");

        Assert.Equal([secret.Id, hidden.Id, publicAlbum.Id], (await Envelope.DataAsync(own)).EnumerateArray().Select(e => e.GetString()).ToList());
        Assert.Equal([publicAlbum.Id], (await Envelope.DataAsync(theirs)).EnumerateArray().Select(e => e.GetString()).ToList());
        Assert.Equal(3, (await Envelope.DataAsync(ownCount)).GetInt32());
        Assert.Equal(1, (await Envelope.DataAsync(theirCount)).GetInt32());
        var listed = (await Envelope.DataAsync(theirList))[0];
        Assert.False(listed.TryGetProperty("deletehash", out _));
        Assert.False(listed.TryGetProperty("images", out _));
    }

    [Fact]
    public async Task OneAlbum_HasTheModelsKeys_ImagesInOrder_AndTheCoverFirst()
    {
        var owner = await app.SignedInClientAsync();
        var first = await owner.Http.UploadAsync(TestImages.Png(30, 20));
        var second = await owner.Http.UploadAsync(TestImages.Jpeg());
        var album = await AlbumAsync(owner, "secret", 100, second.GetProperty("id").GetString()!, first.GetProperty("id").GetString()!);
        var visitor = await app.AnonymousClientAsync();

        using var own = await owner.Http.GetAsync($"/3/account/{owner.Username}/album/{album.Id}");
        using var throughTheAccount = await visitor.GetAsync($"/3/account/{owner.Username}/album/{album.Id}");
        using var byLink = await visitor.GetAsync($"/3/album/{album.Id}");

        var model = await Envelope.DataAsync(own);
        Assert.Equal(["id", "title", "description", "datetime", "cover", "cover_edited", "cover_width", "cover_height", "account_url", "account_id",
            "privacy", "layout", "views", "link", "favorite", "nsfw", "section", "order", "deletehash", "images_count", "images", "in_gallery", "is_ad",
            "include_album_ads", "is_album"], model.EnumerateObject().Select(p => p.Name));
        Assert.Equal(second.GetProperty("id").GetString(), model.GetProperty("cover").GetString());
        Assert.Equal(second.GetProperty("width").GetInt32(), model.GetProperty("cover_width").GetInt32());
        Assert.Equal(2, model.GetProperty("images_count").GetInt32());
        Assert.Equal([second.GetProperty("id").GetString(), first.GetProperty("id").GetString()],
            model.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList());
        Assert.Equal(album.DeleteHash, model.GetProperty("deletehash").GetString());
        Assert.Equal("secret", model.GetProperty("privacy").GetString());
        Assert.Equal($"http://localhost/a/{album.Id}", model.GetProperty("link").GetString());
        Assert.True(model.GetProperty("is_album").GetBoolean());
        Assert.Equal("Unauthorized", await Envelope.ErrorAsync(throughTheAccount, 403));
        var seen = await Envelope.DataAsync(byLink);
        Assert.False(seen.TryGetProperty("deletehash", out _));
        Assert.All(seen.GetProperty("images").EnumerateArray(), i => Assert.False(i.TryGetProperty("deletehash", out _)));
    }

    [Fact]
    public async Task DeletingAnAlbum_ByIdOrDeletehash_IsTheOwnersOnly_AndKeepsItsImages()
    {
        var owner = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var image = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var byId = await AlbumAsync(owner, "public", 100, image);
        var byHash = await AlbumAsync(owner, "public", 200, image);

        using var notTheirs = await other.Http.DeleteAsync($"/3/account/{owner.Username}/album/{byId.Id}");
        using var deleted = await owner.Http.DeleteAsync($"/3/account/me/album/{byId.Id}");
        using var deletedByHash = await owner.Http.DeleteAsync($"/3/account/me/album/{byHash.DeleteHash}");
        using var again = await owner.Http.DeleteAsync($"/3/account/me/album/{byId.Id}");
        using var imageAfter = await owner.Http.GetAsync($"/3/image/{image}");

        Assert.Equal("Unauthorized", await Envelope.ErrorAsync(notTheirs, 403));
        Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        Assert.True((await Envelope.DataAsync(deletedByHash)).GetBoolean());
        await Envelope.ErrorAsync(again, 404);
        Assert.Equal(System.Net.HttpStatusCode.OK, imageAfter.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.AlbumImages.AnyAsync(p => p.ImageId == image)));
    }
}
