using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.Forms;

namespace Picshelf.Tests.Albums;

public sealed class AlbumRouteTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task AnonymousAlbum_TakesImagesByDeletehash_InOrder_AndReadsAsTheFullModel()
    {
        var client = await app.AnonymousClientAsync();
        var first = await client.UploadAsync(TestImages.Png(40, 30));
        var second = await client.UploadAsync(TestImages.Jpeg());

        var (id, deleteHash) = await client.CreateAlbumAsync(("title", "Holiday"), ("privacy", "secret"),
            ("deletehashes[]", second.GetProperty("deletehash").GetString()!), ("deletehashes[]", first.GetProperty("deletehash").GetString()!));
        using var response = await client.GetAsync($"/3/album/{id}");
        using var images = await client.GetAsync($"/3/album/{id}/images");
        using var one = await client.GetAsync($"/3/album/{id}/image/{first.GetProperty("id").GetString()}");

        var album = await Envelope.DataAsync(response);
        Assert.Equal("Holiday", album.GetProperty("title").GetString());
        Assert.Equal("secret", album.GetProperty("privacy").GetString());
        Assert.Equal(2, album.GetProperty("images_count").GetInt32());
        Assert.Equal(second.GetProperty("id").GetString(), album.GetProperty("cover").GetString());
        Assert.Equal(JsonValueKind.Null, album.GetProperty("account_url").ValueKind);
        Assert.False(album.TryGetProperty("deletehash", out _));
        Assert.Equal([second.GetProperty("id").GetString(), first.GetProperty("id").GetString()],
            (await Envelope.DataAsync(images)).EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList());
        Assert.Equal(first.GetProperty("id").GetString(), (await Envelope.DataAsync(one)).GetProperty("id").GetString());
        Assert.Equal(15, deleteHash.Length);
    }

    [Fact]
    public async Task OwnedAlbum_TakesTheOwnersImagesById_CommaSeparated_AndDefaultsToTheOwnersPrivacy()
    {
        var owner = await app.SignedInClientAsync();
        using (await owner.Http.PutAsync("/3/account/me/settings", Form(("album_privacy", "public"))))
        {
        }
        var first = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var second = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;

        var (id, deleteHash) = await owner.Http.CreateAlbumAsync(("ids", $"{first},{second}"), ("cover", second), ("layout", "grid"));
        using var response = await owner.Http.GetAsync($"/3/album/{id}");

        var album = await Envelope.DataAsync(response);
        Assert.Equal("public", album.GetProperty("privacy").GetString());
        Assert.Equal("grid", album.GetProperty("layout").GetString());
        Assert.Equal(second, album.GetProperty("cover").GetString());
        Assert.Equal(deleteHash, album.GetProperty("deletehash").GetString());
        Assert.Equal(owner.Username, album.GetProperty("account_url").GetString());
        Assert.All(album.GetProperty("images").EnumerateArray(), i => Assert.True(i.TryGetProperty("deletehash", out _)));
    }

    [Fact]
    public async Task AnAlbumsImages_TellTheCallersOwnFavorites_AsTheImageRouteDoes()
    {
        var owner = await app.SignedInClientAsync();
        var reader = await app.SignedInClientAsync();
        var liked = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var other = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var (album, _) = await owner.Http.CreateAlbumAsync(("ids", $"{liked},{other}"), ("privacy", "public"));
        using (var favorited = await reader.Http.PostAsync($"/3/image/{liked}/favorite", null))
        {
            await Envelope.DataAsync(favorited);
        }
        var anonymous = await app.AnonymousClientAsync();
        static Dictionary<string, bool> Favorites(JsonElement images) =>
            images.EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("favorite").GetBoolean());

        var inAlbum = Favorites((await reader.Http.GetDataAsync($"/3/album/{album}")).GetProperty("images"));
        var inImages = Favorites(await reader.Http.GetDataAsync($"/3/album/{album}/images"));
        var one = await reader.Http.GetDataAsync($"/3/album/{album}/image/{liked}");
        var asImage = await reader.Http.GetDataAsync($"/3/image/{liked}");
        var forOwner = Favorites((await owner.Http.GetDataAsync($"/3/album/{album}")).GetProperty("images"));
        using var anonymousRead = await anonymous.GetAsync($"/3/album/{album}/images");

        Assert.Equal(new Dictionary<string, bool> { [liked] = true, [other] = false }, inAlbum);
        Assert.Equal(inAlbum, inImages);
        Assert.True(one.GetProperty("favorite").GetBoolean());
        Assert.True(asImage.GetProperty("favorite").GetBoolean());
        Assert.All(forOwner.Values, Assert.False);
        Assert.All(Favorites(await Envelope.DataAsync(anonymousRead)).Values, Assert.False);
    }

    [Fact]
    public async Task AlbumJson_HasTheTypesOfSpec22()
    {
        var owner = await app.SignedInClientAsync();
        var image = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var (id, _) = await owner.Http.CreateAlbumAsync(("ids", image), ("title", "Typed"));

        using var response = await owner.Http.GetAsync($"/3/album/{id}");
        var album = await Envelope.DataAsync(response);

        var expected = new Dictionary<string, JsonValueKind>
        {
            ["id"] = JsonValueKind.String, ["title"] = JsonValueKind.String, ["description"] = JsonValueKind.Null, ["datetime"] = JsonValueKind.Number,
            ["cover"] = JsonValueKind.String, ["cover_edited"] = JsonValueKind.Null, ["cover_width"] = JsonValueKind.Number,
            ["cover_height"] = JsonValueKind.Number, ["account_url"] = JsonValueKind.String, ["account_id"] = JsonValueKind.Number,
            ["privacy"] = JsonValueKind.String, ["layout"] = JsonValueKind.String, ["views"] = JsonValueKind.Number, ["link"] = JsonValueKind.String,
            ["favorite"] = JsonValueKind.False, ["nsfw"] = JsonValueKind.Null, ["section"] = JsonValueKind.Null, ["order"] = JsonValueKind.Number,
            ["deletehash"] = JsonValueKind.String, ["images_count"] = JsonValueKind.Number, ["images"] = JsonValueKind.Array,
            ["in_gallery"] = JsonValueKind.False, ["is_ad"] = JsonValueKind.False, ["include_album_ads"] = JsonValueKind.False, ["is_album"] = JsonValueKind.True,
        };
        Assert.Equal(expected.Keys, album.EnumerateObject().Select(p => p.Name));
        Assert.All(album.EnumerateObject(), p => Assert.Equal(expected[p.Name], p.Value.ValueKind));
    }

    [Fact]
    public async Task BadRequests_CreateNothing()
    {
        var owner = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var anonymous = await app.AnonymousClientAsync();
        var mine = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var theirs = (await other.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var before = await app.WithDbAsync(db => db.Albums.CountAsync());

        using var someoneElses = await owner.Http.PostAsync("/3/album", Form(("ids[]", theirs)));
        using var unknownHash = await anonymous.PostAsync("/3/album", Form(("deletehashes[]", "NoSuchDeleteHash")));
        using var anonymousById = await anonymous.PostAsync("/3/album", Form(("ids[]", mine)));
        using var badPrivacy = await owner.Http.PostAsync("/3/album", Form(("privacy", "private")));
        using var badLayout = await owner.Http.PostAsync("/3/album", Form(("layout", "carousel")));
        using var foreignCover = await owner.Http.PostAsync("/3/album", Form(("ids[]", mine), ("cover", theirs)));
        using var tooMany = await owner.Http.PostAsync("/3/album", Form(("ids", string.Join(',', Enumerable.Repeat(mine, 1001)))));

        await Envelope.ErrorAsync(someoneElses, 403);
        await Envelope.ErrorAsync(unknownHash, 400);
        await Envelope.ErrorAsync(anonymousById, 403);
        Assert.Equal("privacy must be public, hidden or secret", await Envelope.ErrorAsync(badPrivacy, 400));
        Assert.Equal("layout must be blog, grid, horizontal or vertical", await Envelope.ErrorAsync(badLayout, 400));
        Assert.Equal("cover must be one of the album's images", await Envelope.ErrorAsync(foreignCover, 400));
        Assert.Contains("At most 1000", await Envelope.ErrorAsync(tooMany, 400), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Albums.CountAsync()));
    }

    [Fact]
    public async Task Deleting_AnAnonymousAlbumNeedsItsDeletehash_AnOwnedOneItsOwner_AndKeepsTheImages()
    {
        var anonymous = await app.AnonymousClientAsync();
        var image = await anonymous.UploadAsync(TestImages.Png());
        var (anonymousAlbum, anonymousHash) = await anonymous.CreateAlbumAsync(("deletehashes", image.GetProperty("deletehash").GetString()!));
        var owner = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var (ownedAlbum, _) = await owner.Http.CreateAlbumAsync();

        using var byId = await anonymous.DeleteAsync($"/3/album/{anonymousAlbum}");
        using var byHash = await anonymous.DeleteAsync($"/3/album/{anonymousHash}");
        using var notTheirs = await other.Http.DeleteAsync($"/3/album/{ownedAlbum}");
        using var theirs = await owner.Http.DeleteAsync($"/3/album/{ownedAlbum}");
        using var gone = await anonymous.GetAsync($"/3/album/{anonymousAlbum}");
        using var imageStays = await anonymous.GetAsync($"/3/image/{image.GetProperty("id").GetString()}");

        await Envelope.ErrorAsync(byId, 403);
        Assert.True((await Envelope.DataAsync(byHash)).GetBoolean());
        await Envelope.ErrorAsync(notTheirs, 403);
        Assert.True((await Envelope.DataAsync(theirs)).GetBoolean());
        await Envelope.ErrorAsync(gone, 404);
        Assert.Equal(HttpStatusCode.OK, imageStays.StatusCode);
    }

    [Fact]
    public async Task UploadWithAlbum_AddsTheImage_AndAnonymousUploadsGoWithTheirAlbum()
    {
        var anonymous = await app.AnonymousClientAsync();
        var kept = await anonymous.UploadAsync(TestImages.Png());
        var (id, deleteHash) = await anonymous.CreateAlbumAsync(("deletehashes", kept.GetProperty("deletehash").GetString()!));

        var uploaded = await anonymous.UploadAsync(TestImages.Jpeg(), ("album", deleteHash));
        using var byIdRefused = await anonymous.PostAsync("/3/image", Uploads.Multipart(TestImages.Png(), "x.png", ("album", id)));
        using var album = await anonymous.GetAsync($"/3/album/{id}");
        var ids = (await Envelope.DataAsync(album)).GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        using var deleted = await anonymous.DeleteAsync($"/3/album/{deleteHash}");
        using var uploadedAfter = await anonymous.GetAsync($"/3/image/{uploaded.GetProperty("id").GetString()}");
        using var keptAfter = await anonymous.GetAsync($"/3/image/{kept.GetProperty("id").GetString()}");

        Assert.Equal([kept.GetProperty("id").GetString(), uploaded.GetProperty("id").GetString()], ids);
        await Envelope.ErrorAsync(byIdRefused, 403);
        Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        await Envelope.ErrorAsync(uploadedAfter, 404);
        Assert.Equal(HttpStatusCode.OK, keptAfter.StatusCode);
        Assert.DoesNotContain(await app.StoredFilesAsync(), f => Path.GetFileName(f).StartsWith(uploaded.GetProperty("id").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUploadedImageThatIsAlsoInAnotherAlbum_SurvivesTheFirstAlbumsDeletion()
    {
        var anonymous = await app.AnonymousClientAsync();
        var (first, firstHash) = await anonymous.CreateAlbumAsync();
        var uploaded = await anonymous.UploadAsync(TestImages.Png(), ("album", firstHash));
        var (second, _) = await anonymous.CreateAlbumAsync(("deletehashes", uploaded.GetProperty("deletehash").GetString()!));

        using var deleted = await anonymous.DeleteAsync($"/3/album/{firstHash}");
        using var image = await anonymous.GetAsync($"/3/image/{uploaded.GetProperty("id").GetString()}");
        using var stillThere = await anonymous.GetAsync($"/3/album/{second}");

        Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(1, (await Envelope.DataAsync(stillThere)).GetProperty("images_count").GetInt32());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task UploadIntoTheOwnersAlbumById_Works_ButNotIntoSomeoneElses()
    {
        var owner = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var (id, _) = await owner.Http.CreateAlbumAsync();

        var uploaded = await owner.Http.UploadAsync(TestImages.Png(), ("album", id));
        using var intruder = await other.Http.PostAsync("/3/image", Uploads.Multipart(TestImages.Png(), "x.png", ("album", id)));
        using var album = await owner.Http.GetAsync($"/3/album/{id}");
        using var deleted = await owner.Http.DeleteAsync($"/3/album/{id}");
        using var imageStays = await owner.Http.GetAsync($"/3/image/{uploaded.GetProperty("id").GetString()}");

        await Envelope.ErrorAsync(intruder, 403);
        Assert.Equal(1, (await Envelope.DataAsync(album)).GetProperty("images_count").GetInt32());
        Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());
        Assert.Equal(HttpStatusCode.OK, imageStays.StatusCode);
    }
}
