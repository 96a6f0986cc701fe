using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Images;

public sealed class ImageRouteTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task Get_ByClientId_ReturnsModelWithoutSecrets()
    {
        var client = await app.AnonymousClientAsync();
        var uploaded = await client.UploadAsync(TestImages.Png(), ("title", "Hello"), ("description", "World"));

        using var response = await client.GetAsync($"/3/image/{uploaded.GetProperty("id").GetString()}");
        var image = await Envelope.DataAsync(response);

        Assert.Equal("Hello", image.GetProperty("title").GetString());
        Assert.Equal("World", image.GetProperty("description").GetString());
        Assert.Equal("image/png", image.GetProperty("type").GetString());
        Assert.False(image.TryGetProperty("deletehash", out _));
        Assert.False(image.TryGetProperty("name", out _));
        Assert.Equal(JsonValueKind.Null, image.GetProperty("account_url").ValueKind);
        Assert.Equal(0, image.GetProperty("account_id").GetInt32());
    }

    [Fact]
    public async Task Get_ByOwner_ShowsDeleteHashNameAndAccount()
    {
        var owner = await app.SignedInClientAsync();
        var uploaded = await owner.Http.UploadAsync(TestImages.Png());

        using var response = await owner.Http.GetAsync($"/3/image/{uploaded.GetProperty("id").GetString()}");
        var image = await Envelope.DataAsync(response);

        Assert.Equal(uploaded.GetProperty("deletehash").GetString(), image.GetProperty("deletehash").GetString());
        Assert.Equal("photo.jpg", image.GetProperty("name").GetString());
        Assert.Equal(owner.Username, image.GetProperty("account_url").GetString());
        Assert.Equal(owner.AccountId, image.GetProperty("account_id").GetInt32());
    }

    [Fact]
    public async Task Get_UnknownId_Returns404WithImgurMessage()
    {
        var client = await app.AnonymousClientAsync();
        using var response = await client.GetAsync("/3/image/NoSuch1");
        Assert.Equal("Unable to find an image with the id, NoSuch1", await Envelope.ErrorAsync(response, 404));
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("abc'%20OR%20'1'%3D'1")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Get_HostileId_Returns404(string id)
    {
        var client = await app.AnonymousClientAsync();
        using var response = await client.GetAsync($"/3/image/{id}");
        await Envelope.ErrorAsync(response, 404);
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("x'%3B%20DROP%20TABLE%20images%3B--")]
    public async Task UpdateAndDelete_HostileId_Return404AndChangeNothing(string id)
    {
        var client = await app.AnonymousClientAsync();
        var before = await app.WithDbAsync(db => db.Images.CountAsync());
        using var update = await client.PostAsync($"/3/image/{id}", new FormUrlEncodedContent([new("title", "x")]));
        await Envelope.ErrorAsync(update, 404);
        using var delete = await client.DeleteAsync($"/3/image/{id}");
        await Envelope.ErrorAsync(delete, 404);
        Assert.Equal(before, await app.WithDbAsync(db => db.Images.CountAsync()));
    }

    [Fact]
    public async Task Update_WithDeleteHash_ChangesTitleAndDescription()
    {
        var client = await app.AnonymousClientAsync();
        var uploaded = await client.UploadAsync(TestImages.Png());
        var id = uploaded.GetProperty("id").GetString();

        using var response = await client.PostAsync($"/3/image/{uploaded.GetProperty("deletehash").GetString()}",
            new FormUrlEncodedContent([new("title", "New title"), new("description", "New description")]));
        Assert.True((await Envelope.DataAsync(response)).GetBoolean());

        var image = await Envelope.DataAsync(await client.GetAsync($"/3/image/{id}"));
        Assert.Equal("New title", image.GetProperty("title").GetString());
        Assert.Equal("New description", image.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Update_ByOwnerWithId_AcceptsMultipartAndJson()
    {
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString();

        using var multipart = new MultipartFormDataContent { { new StringContent("From multipart"), "title" } };
        await Envelope.DataAsync(await owner.Http.PostAsync($"/3/image/{id}", multipart));
        Assert.Equal("From multipart", (await Envelope.DataAsync(await owner.Http.GetAsync($"/3/image/{id}"))).GetProperty("title").GetString());

        using var json = new StringContent("{\"description\":\"From JSON\"}", System.Text.Encoding.UTF8, "application/json");
        await Envelope.DataAsync(await owner.Http.PostAsync($"/3/image/{id}", json));
        var image = await Envelope.DataAsync(await owner.Http.GetAsync($"/3/image/{id}"));
        Assert.Equal("From multipart", image.GetProperty("title").GetString());
        Assert.Equal("From JSON", image.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Update_AnonymousImageById_Returns403()
    {
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.Png())).GetProperty("id").GetString();
        using var response = await client.PostAsync($"/3/image/{id}", new FormUrlEncodedContent([new("title", "Hijacked")]));
        await Envelope.ErrorAsync(response, 403);
    }

    [Fact]
    public async Task UpdateAndDelete_SomeoneElsesImageById_Return403AndKeepIt()
    {
        var owner = await app.SignedInClientAsync();
        var stranger = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png(), ("title", "Mine"))).GetProperty("id").GetString();

        await Envelope.ErrorAsync(await stranger.Http.PostAsync($"/3/image/{id}", new FormUrlEncodedContent([new("title", "Yours")])), 403);
        await Envelope.ErrorAsync(await stranger.Http.DeleteAsync($"/3/image/{id}"), 403);

        var image = await Envelope.DataAsync(await owner.Http.GetAsync($"/3/image/{id}"));
        Assert.Equal("Mine", image.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Update_WithoutFields_Returns400()
    {
        var client = await app.AnonymousClientAsync();
        var hash = (await client.UploadAsync(TestImages.Png())).GetProperty("deletehash").GetString();
        await Envelope.ErrorAsync(await client.PostAsync($"/3/image/{hash}", new FormUrlEncodedContent([])), 400);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=abc", "title=x")]
    [InlineData("application/x-www-form-urlencoded-x", "title=x&callback=cb")]
    [InlineData("application/json", "{\"title\":")]
    public async Task Update_MalformedBody_Returns400(string contentType, string body)
    {
        var client = await app.AnonymousClientAsync();
        var hash = (await client.UploadAsync(TestImages.Png())).GetProperty("deletehash").GetString();
        using var content = new StringContent(body);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        await Envelope.ErrorAsync(await client.PostAsync($"/3/image/{hash}", content), 400);
    }

    [Fact]
    public async Task Update_TitleTooLong_Returns400()
    {
        var client = await app.AnonymousClientAsync();
        var hash = (await client.UploadAsync(TestImages.Png())).GetProperty("deletehash").GetString();
        using var response = await client.PostAsync($"/3/image/{hash}", new FormUrlEncodedContent([new("title", new string('x', 5000))]));
        await Envelope.ErrorAsync(response, 400);
    }

    [Fact]
    public async Task Delete_WithDeleteHash_RemovesImageAndItsFiles()
    {
        var client = await app.AnonymousClientAsync();
        var uploaded = await client.UploadAsync(TestImages.Jpeg(400, 300));
        var id = uploaded.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{id}m.jpg")).StatusCode);
        Assert.Contains(await app.StoredFilesAsync(), f => Path.GetFileName(f) == id + "m");

        using var response = await client.DeleteAsync($"/3/image/{uploaded.GetProperty("deletehash").GetString()}");
        Assert.True((await Envelope.DataAsync(response)).GetBoolean());

        await Envelope.ErrorAsync(await client.GetAsync($"/3/image/{id}"), 404);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{id}.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/{id}m.jpg")).StatusCode);
        Assert.DoesNotContain(await app.StoredFilesAsync(), f => Path.GetFileName(f).StartsWith(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_ByOwnerWithId_RemovesImage()
    {
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString();
        Assert.True((await Envelope.DataAsync(await owner.Http.DeleteAsync($"/3/image/{id}"))).GetBoolean());
        await Envelope.ErrorAsync(await owner.Http.GetAsync($"/3/image/{id}"), 404);
    }

    [Fact]
    public async Task Delete_AnonymousImageByIdInsteadOfDeleteHash_Returns403()
    {
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.Png())).GetProperty("id").GetString();
        await Envelope.ErrorAsync(await client.DeleteAsync($"/3/image/{id}"), 403);
        await Envelope.DataAsync(await client.GetAsync($"/3/image/{id}"));
    }

    [Fact]
    public async Task Delete_UnknownDeleteHash_Returns404()
    {
        var client = await app.AnonymousClientAsync();
        await Envelope.ErrorAsync(await client.DeleteAsync("/3/image/AAAAAAAAAAAAAAA"), 404);
    }

    [Fact]
    public async Task Favorite_TogglesAndShowsInModel()
    {
        var owner = await app.SignedInClientAsync();
        var fan = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString();

        Assert.Equal("favorited", (await Envelope.DataAsync(await fan.Http.PostAsync($"/3/image/{id}/favorite", null))).GetString());
        Assert.True((await Envelope.DataAsync(await fan.Http.GetAsync($"/3/image/{id}"))).GetProperty("favorite").GetBoolean());
        Assert.False((await Envelope.DataAsync(await owner.Http.GetAsync($"/3/image/{id}"))).GetProperty("favorite").GetBoolean());

        Assert.Equal("unfavorited", (await Envelope.DataAsync(await fan.Http.PostAsync($"/3/image/{id}/favorite", null))).GetString());
        Assert.False((await Envelope.DataAsync(await fan.Http.GetAsync($"/3/image/{id}"))).GetProperty("favorite").GetBoolean());
    }

    [Fact]
    public async Task Delete_ConcurrentlyTwice_OneSucceedsTheOtherIs404()
    {
        var client = await app.AnonymousClientAsync();
        var hash = (await client.UploadAsync(TestImages.Png())).GetProperty("deletehash").GetString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.DeleteAsync($"/3/image/{hash}")));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
    }

    [Fact]
    public async Task Favorite_ConcurrentToggles_NeverFail()
    {
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => owner.Http.PostAsync($"/3/image/{id}/favorite", null)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var favorited = await app.WithDbAsync(db => db.ImageFavorites.CountAsync(f => f.ImageId == id));
        Assert.InRange(favorited, 0, 1);
    }

    [Fact]
    public async Task UpdateAndFavorite_AfterDelete_Return404()
    {
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString();
        await Envelope.DataAsync(await owner.Http.GetAsync($"/3/image/{id}"));
        await Envelope.DataAsync(await owner.Http.DeleteAsync($"/3/image/{id}"));
        await Envelope.ErrorAsync(await owner.Http.PostAsync($"/3/image/{id}", new FormUrlEncodedContent([new("title", "x")])), 404);
        await Envelope.ErrorAsync(await owner.Http.PostAsync($"/3/image/{id}/favorite", null), 404);
    }

    [Fact]
    public async Task Favorite_WithOnlyClientId_Returns403()
    {
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.Png())).GetProperty("id").GetString();
        await Envelope.ErrorAsync(await client.PostAsync($"/3/image/{id}/favorite", null), 403);
    }

    [Fact]
    public async Task Favorite_UnknownImage_Returns404()
    {
        var fan = await app.SignedInClientAsync();
        await Envelope.ErrorAsync(await fan.Http.PostAsync("/3/image/NoSuch1/favorite", null), 404);
    }
}
