using System.Net;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.Forms;

namespace Picshelf.Tests.Albums;

public sealed class AlbumEditingTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private static async Task<List<string>> UploadAsync(HttpClient client, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await client.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!);
        }
        return ids;
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("POST")]
    public async Task Update_ChangesDetails_AndNamedImagesSetTheOrder(string method)
    {
        var owner = await app.SignedInClientAsync();
        var images = await UploadAsync(owner.Http, 3);
        var (id, _) = await owner.Http.CreateAlbumAsync(("ids", $"{images[0]},{images[1]}"));

        using var updated = await owner.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/3/album/{id}/")
        {
            Content = Form(("title", "New title"), ("description", "Words"), ("privacy", "public"), ("layout", "vertical"),
                ("ids[]", images[2]), ("ids[]", images[0]), ("cover", images[0])),
        });
        using var album = await owner.Http.GetAsync($"/3/album/{id}");

        Assert.True((await Envelope.DataAsync(updated)).GetBoolean());
        var model = await Envelope.DataAsync(album);
        Assert.Equal("New title", model.GetProperty("title").GetString());
        Assert.Equal("public", model.GetProperty("privacy").GetString());
        Assert.Equal("vertical", model.GetProperty("layout").GetString());
        Assert.Equal(images[0], model.GetProperty("cover").GetString());
        Assert.Equal([images[2], images[0]], await owner.Http.AlbumImageIdsAsync(id));
    }

    [Fact]
    public async Task AddAndRemove_KeepOrder_AndTheCoverFollowsARemoval()
    {
        var owner = await app.SignedInClientAsync();
        var images = await UploadAsync(owner.Http, 4);
        var (id, _) = await owner.Http.CreateAlbumAsync(("ids", $"{images[0]},{images[1]}"), ("cover", images[1]));

        using var added = await owner.Http.PostAsync($"/3/album/{id}/add", Form(("ids[]", images[2]), ("ids[]", images[0]), ("ids[]", images[3])));
        Assert.Equal([images[0], images[1], images[2], images[3]], await owner.Http.AlbumImageIdsAsync(id));
        using var removed = await owner.Http.PostAsync($"/3/album/{id}/remove_images", Form(("ids", images[1])));
        using var removedByDelete = await owner.Http.DeleteAsync($"/3/album/{id}/remove_images?ids={images[0]},{images[3]}");
        using var album = await owner.Http.GetAsync($"/3/album/{id}");

        Assert.True((await Envelope.DataAsync(added)).GetBoolean());
        Assert.True((await Envelope.DataAsync(removed)).GetBoolean());
        Assert.True((await Envelope.DataAsync(removedByDelete)).GetBoolean());
        var model = await Envelope.DataAsync(album);
        Assert.Equal(1, model.GetProperty("images_count").GetInt32());
        Assert.Equal(images[2], model.GetProperty("cover").GetString());
        using var imageStays = await owner.Http.GetAsync($"/3/image/{images[1]}");
        Assert.Equal(HttpStatusCode.OK, imageStays.StatusCode);
    }

    [Fact]
    public async Task AddWithPut_AsImgurApiSendsIt_Works()
    {
        var owner = await app.SignedInClientAsync();
        var images = await UploadAsync(owner.Http, 2);
        var (id, _) = await owner.Http.CreateAlbumAsync(("ids", images[0]));

        using var added = await owner.Http.PutAsync($"/3/album/{id}/add", Form(("ids[]", images[1])));

        Assert.True((await Envelope.DataAsync(added)).GetBoolean());
        Assert.Equal([images[0], images[1]], await owner.Http.AlbumImageIdsAsync(id));
    }

    [Fact]
    public async Task AnOwnedAlbumHoldingSomeoneElsesImage_NamesThatImagesOwner()
    {
        var owner = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var theirs = await other.Http.UploadAsync(TestImages.Png());
        var (id, _) = await owner.Http.CreateAlbumAsync(("deletehashes", theirs.GetProperty("deletehash").GetString()!));

        using var album = await owner.Http.GetAsync($"/3/album/{id}");

        var image = (await Envelope.DataAsync(album)).GetProperty("images")[0];
        Assert.Equal(other.Username, image.GetProperty("account_url").GetString());
        Assert.False(image.TryGetProperty("deletehash", out _));
    }

    [Fact]
    public async Task AThousandDistinctImages_AreTakenInOneRequest()
    {
        var owner = await app.SignedInClientAsync();
        var ids = Enumerable.Range(0, 1000).Select(i => $"T{owner.AccountId % 100:D2}{i:D4}").ToList();
        await app.WithDbAsync(async db =>
        {
            db.Images.AddRange(ids.Select(id => new Picshelf.Images.Image
            {
                Id = id, DeleteHash = "D" + id + "xxxxxxx", AccountId = owner.AccountId, ClientId = owner.ClientId, Type = "image/png", Width = 1, Height = 1, Size = 1,
            }));
            return await db.SaveChangesAsync();
        });

        var (album, _) = await owner.Http.CreateAlbumAsync(("ids", string.Join(',', ids)));
        using var response = await owner.Http.GetAsync($"/3/album/{album}");

        Assert.Equal(1000, (await Envelope.DataAsync(response)).GetProperty("images_count").GetInt32());
    }

    [Fact]
    public async Task AnonymousAlbum_IsChangedByDeletehashOnly_WithImagesByDeletehash()
    {
        var anonymous = await app.AnonymousClientAsync();
        var image = await anonymous.UploadAsync(TestImages.Png());
        var (id, deleteHash) = await anonymous.CreateAlbumAsync();

        using var byId = await anonymous.PostAsync($"/3/album/{id}/add", Form(("deletehashes[]", image.GetProperty("deletehash").GetString()!)));
        using var byIdsIntoAnonymous = await anonymous.PostAsync($"/3/album/{deleteHash}/add", Form(("ids[]", image.GetProperty("id").GetString()!)));
        using var byHash = await anonymous.PostAsync($"/3/album/{deleteHash}/add", Form(("deletehashes[]", image.GetProperty("deletehash").GetString()!)));

        await Envelope.ErrorAsync(byId, 403);
        await Envelope.ErrorAsync(byIdsIntoAnonymous, 403);
        Assert.True((await Envelope.DataAsync(byHash)).GetBoolean());
        Assert.Equal([image.GetProperty("id").GetString()], await anonymous.AlbumImageIdsAsync(id));
    }

    [Fact]
    public async Task BadChanges_LeaveTheAlbumAsItWas()
    {
        var owner = await app.SignedInClientAsync();
        var other = await app.SignedInClientAsync();
        var mine = await UploadAsync(owner.Http, 2);
        var theirs = (await other.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var (id, _) = await owner.Http.CreateAlbumAsync(("ids[]", mine[0]), ("title", "Before"));

        using var stranger = await other.Http.PostAsync($"/3/album/{id}", Form(("title", "Hijacked")));
        using var foreignImage = await owner.Http.PostAsync($"/3/album/{id}/add", Form(("ids[]", theirs)));
        using var unknownHash = await owner.Http.PostAsync($"/3/album/{id}/add", Form(("deletehashes[]", "NoSuchDeleteHash")));
        using var badPrivacy = await owner.Http.PutAsync($"/3/album/{id}", Form(("title", "After"), ("privacy", "private")));
        using var coverOutside = await owner.Http.PutAsync($"/3/album/{id}", Form(("title", "After"), ("cover", mine[1])));
        using var nothingToAdd = await owner.Http.PostAsync($"/3/album/{id}/add", Form());
        using var album = await owner.Http.GetAsync($"/3/album/{id}");

        await Envelope.ErrorAsync(stranger, 403);
        await Envelope.ErrorAsync(foreignImage, 403);
        await Envelope.ErrorAsync(unknownHash, 400);
        await Envelope.ErrorAsync(badPrivacy, 400);
        Assert.Equal("cover must be one of the album's images", await Envelope.ErrorAsync(coverOutside, 400));
        await Envelope.ErrorAsync(nothingToAdd, 400);
        var model = await Envelope.DataAsync(album);
        Assert.Equal("Before", model.GetProperty("title").GetString());
        Assert.Equal([mine[0]], await owner.Http.AlbumImageIdsAsync(id));
    }

    [Fact]
    public async Task Favorite_TogglesForTheCaller_AndNeedsAnAccount()
    {
        var owner = await app.SignedInClientAsync();
        var fan = await app.SignedInClientAsync();
        var (id, _) = await owner.Http.CreateAlbumAsync(("privacy", "public"));

        using var favorited = await fan.Http.PostAsync($"/3/album/{id}/favorite", null);
        using var seen = await fan.Http.GetAsync($"/3/album/{id}");
        using var unfavorited = await fan.Http.PostAsync($"/3/album/{id}/favorite", null);
        using var anonymous = await (await app.AnonymousClientAsync()).PostAsync($"/3/album/{id}/favorite", null);
        using var unknown = await fan.Http.PostAsync("/3/album/NoAlbum/favorite", null);

        Assert.Equal("favorited", (await Envelope.DataAsync(favorited)).GetString());
        Assert.True((await Envelope.DataAsync(seen)).GetProperty("favorite").GetBoolean());
        Assert.Equal("unfavorited", (await Envelope.DataAsync(unfavorited)).GetString());
        await Envelope.ErrorAsync(anonymous, 403);
        await Envelope.ErrorAsync(unknown, 404);
    }

    [Fact]
    public async Task TwentyClientsAddingAndRemovingAtOnce_EndInAConsistentState()
    {
        var owner = await app.SignedInClientAsync();
        var images = await UploadAsync(owner.Http, 20);
        var (id, _) = await owner.Http.CreateAlbumAsync(("ids", string.Join(',', images.Take(10))));

        // Clients 0-9 remove the first ten images, clients 10-19 add the other ten, all at once.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i < 10
            ? owner.Http.PostAsync($"/3/album/{id}/remove_images", Form(("ids", images[i])))
            : owner.Http.PostAsync($"/3/album/{id}/add", Form(("ids", images[i])))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var final = await owner.Http.AlbumImageIdsAsync(id);
        Assert.Equal(images.Skip(10).Order(StringComparer.Ordinal), final.Order(StringComparer.Ordinal));
        using var album = await owner.Http.GetAsync($"/3/album/{id}");
        var model = await Envelope.DataAsync(album);
        Assert.Equal(10, model.GetProperty("images_count").GetInt32());
        Assert.Equal(final[0], model.GetProperty("cover").GetString());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
