using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.Forms;

namespace Picshelf.Tests.Albums;

/// <summary>
/// imgurpython has no <c>deletehashes</c> field: for an anonymous album it sends image deletehashes in <c>ids</c>
/// (<c>create_album</c>, <c>update_album</c>, <c>album_add_images</c>, <c>album_remove_images</c>), and Imgur.API adds with
/// <c>PUT …/add</c> and <c>ids=a,b</c>. An anonymous album takes a deletehash in <c>ids</c> as that image's deletehash,
/// an id only for an image already in it, and refuses anything else without changing anything.
/// </summary>
public sealed class AnonymousAlbumIdsTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private sealed record Uploaded(string Id, string DeleteHash);

    private static async Task<Uploaded> UploadAsync(HttpClient client)
    {
        var image = await client.UploadAsync(TestImages.Png());
        return new Uploaded(image.GetProperty("id").GetString()!, image.GetProperty("deletehash").GetString()!);
    }

    private static async Task<Uploaded[]> UploadAsync(HttpClient client, int count)
    {
        var images = new Uploaded[count];
        for (var i = 0; i < count; i++)
        {
            images[i] = await UploadAsync(client);
        }
        return images;
    }

    /// <summary>Base62 and deletehash-long, like one, but no image's.</summary>
    private static string NoImagesDeleteHash() => "Zq" + Guid.NewGuid().ToString("N")[..13];

    private static HttpRequestMessage Send(string method, string path, params (string Name, string Value)[] fields) =>
        new(new HttpMethod(method), path) { Content = Form(fields) };

    private static async Task<string?> TitleAsync(HttpClient client, string albumId)
    {
        using var response = await client.GetAsync($"/3/album/{albumId}");
        return (await Envelope.DataAsync(response)).GetProperty("title").GetString();
    }

    [Theory]
    [InlineData("ids[]", false)]
    [InlineData("ids", false)]
    [InlineData("ids", true)]
    public async Task Create_TakesImageDeletehashesSentInIds(string field, bool commaJoined)
    {
        var client = await app.AnonymousClientAsync();
        var first = await UploadAsync(client);
        var second = await UploadAsync(client);
        (string, string)[] named = commaJoined
            ? [(field, $"{second.DeleteHash},{first.DeleteHash}")]
            : [(field, second.DeleteHash), (field, first.DeleteHash)];

        var (id, _) = await client.CreateAlbumAsync([("title", "Trip"), .. named]);

        Assert.Equal([second.Id, first.Id], await client.AlbumImageIdsAsync(id));
    }

    [Fact]
    public async Task AddImages_TakesDeletehashesInIds_PostedAsImgurpythonSendsThem_AndPutCommaJoinedAsImgurApiSendsThem()
    {
        var client = await app.AnonymousClientAsync();
        var images = await UploadAsync(client, 3);
        var (id, deleteHash) = await client.CreateAlbumAsync();

        using var posted = await client.PostAsync($"/3/album/{deleteHash}/add", Form(("ids", images[0].DeleteHash)));
        using var put = await client.PutAsync($"/3/album/{deleteHash}/add", Form(("ids", $"{images[1].DeleteHash},{images[2].DeleteHash}")));

        Assert.True((await Envelope.DataAsync(posted)).GetBoolean());
        Assert.True((await Envelope.DataAsync(put)).GetBoolean());
        Assert.Equal(images.Select(i => i.Id), await client.AlbumImageIdsAsync(id));
    }

    [Fact]
    public async Task Update_ReordersByTheIdsOfImagesAlreadyInTheAlbum_AndTakesNewOnesByDeletehashInIds()
    {
        var client = await app.AnonymousClientAsync();
        var images = await UploadAsync(client, 3);
        var (a, b, c) = (images[0], images[1], images[2]);
        var (id, deleteHash) = await client.CreateAlbumAsync(("ids", $"{a.DeleteHash},{b.DeleteHash}"));

        // imgurpython's update_album posts to album/{id}/ with ids joined by commas.
        using var reordered = await client.PostAsync($"/3/album/{deleteHash}/", Form(("ids", $"{b.Id},{a.Id}")));
        var afterReorder = await client.AlbumImageIdsAsync(id);
        using var set = await client.PostAsync($"/3/album/{deleteHash}/", Form(("title", "Set"), ("ids[]", a.Id), ("ids[]", c.DeleteHash)));

        Assert.True((await Envelope.DataAsync(reordered)).GetBoolean());
        Assert.Equal([b.Id, a.Id], afterReorder);
        Assert.True((await Envelope.DataAsync(set)).GetBoolean());
        Assert.Equal([a.Id, c.Id], await client.AlbumImageIdsAsync(id));
        Assert.Equal("Set", await TitleAsync(client, id));
    }

    [Fact]
    public async Task RemoveImages_TakesDeletehashesAndIdsOfItsImagesInIds_ByDeleteAsImgurpythonSendsIt()
    {
        var client = await app.AnonymousClientAsync();
        var images = await UploadAsync(client, 3);
        var (a, b, c) = (images[0], images[1], images[2]);
        var (id, deleteHash) = await client.CreateAlbumAsync(("ids", $"{a.DeleteHash},{b.DeleteHash},{c.DeleteHash}"));

        // imgurpython sends the parameters of a DELETE both in the query and in the body.
        using var byDeleteHash = await client.SendAsync(Send("DELETE", $"/3/album/{deleteHash}/remove_images?ids={a.DeleteHash}", ("ids", a.DeleteHash)));
        using var byId = await client.PostAsync($"/3/album/{deleteHash}/remove_images", Form(("ids", c.Id)));

        Assert.True((await Envelope.DataAsync(byDeleteHash)).GetBoolean());
        Assert.True((await Envelope.DataAsync(byId)).GetBoolean());
        Assert.Equal([b.Id], await client.AlbumImageIdsAsync(id));
        using var imageStays = await client.GetAsync($"/3/image/{a.Id}");
        await Envelope.DataAsync(imageStays);
    }

    [Fact]
    public async Task SomeoneElsesImageDeletehash_InIds_IsAccepted()
    {
        var client = await app.AnonymousClientAsync();
        var otherApplication = await UploadAsync(await app.AnonymousClientAsync());
        var account = await UploadAsync((await app.SignedInClientAsync()).Http);

        var (id, deleteHash) = await client.CreateAlbumAsync(("ids", otherApplication.DeleteHash));
        using var added = await client.PostAsync($"/3/album/{deleteHash}/add", Form(("ids[]", account.DeleteHash)));

        Assert.True((await Envelope.DataAsync(added)).GetBoolean());
        Assert.Equal([otherApplication.Id, account.Id], await client.AlbumImageIdsAsync(id));
    }

    [Theory]
    [InlineData(true, 403)]
    [InlineData(false, 404)]
    public async Task TheIdOfAnImageOutsideTheAlbumIs403_ADeletehashOfNoImage404_NamingIt_AndNeitherChangesAnything(bool imageOutsideTheAlbum, int status)
    {
        var client = await app.AnonymousClientAsync();
        var kept = await UploadAsync(client);
        var fresh = await UploadAsync(client);
        var refused = imageOutsideTheAlbum ? (await UploadAsync(client)).Id : NoImagesDeleteHash();
        var (id, deleteHash) = await client.CreateAlbumAsync(("title", "Before"), ("ids", kept.DeleteHash));
        var albumsBefore = await app.WithDbAsync(db => db.Albums.CountAsync());

        // Each names a good deletehash beside the refused value: the request is refused whole, so the good one is not taken either.
        List<HttpRequestMessage> requests =
        [
            Send("POST", "/3/album", ("ids", $"{fresh.DeleteHash},{refused}")),
            Send("POST", $"/3/album/{deleteHash}/add", ("ids", $"{fresh.DeleteHash},{refused}")),
            Send("PUT", $"/3/album/{deleteHash}/add", ("ids", $"{fresh.DeleteHash},{refused}")),
            Send("POST", $"/3/album/{deleteHash}/", ("title", "After"), ("ids[]", kept.Id), ("ids[]", fresh.DeleteHash), ("ids[]", refused)),
            Send("DELETE", $"/3/album/{deleteHash}/remove_images?ids={kept.Id},{refused}"),
        ];
        if (!imageOutsideTheAlbum)
        {
            requests.Add(Send("POST", $"/3/album/{deleteHash}/add", ("deletehashes[]", fresh.DeleteHash), ("deletehashes[]", refused)));
        }
        foreach (var request in requests)
        {
            using var response = await client.SendAsync(request);
            Assert.Contains(refused, await Envelope.ErrorAsync(response, status), StringComparison.Ordinal);
        }

        Assert.Equal(albumsBefore, await app.WithDbAsync(db => db.Albums.CountAsync()));
        Assert.Equal([kept.Id], await client.AlbumImageIdsAsync(id));
        Assert.Equal("Before", await TitleAsync(client, id));
    }
}
