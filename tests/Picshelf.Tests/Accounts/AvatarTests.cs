using System.Net;
using System.Net.Http.Headers;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Accounts;

public sealed class AvatarTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task AvailableAvatars_NeedNoAccount_AndEachLocationServesAPng()
    {
        var client = await app.AnonymousClientAsync();

        using var response = await client.GetAsync("/3/account/whoever123/available_avatars");
        var data = await Envelope.DataAsync(response);
        var first = data.GetProperty("available_avatars")[0];
        using var png = await client.GetAsync(new Uri(first.GetProperty("location").GetString()!).AbsolutePath);

        Assert.Equal(data.GetProperty("available_avatars").GetArrayLength(), data.GetProperty("count").GetInt32());
        Assert.Equal("default/red", first.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await png.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task ChoosingAnAvatar_ShowsInAvatarAndAccount_AndAnUnknownOneIs400()
    {
        var user = await app.SignedInClientAsync();

        using var before = await user.Http.GetAsync("/3/account/me/avatar");
        using var unknown = await user.Http.PostAsync("/3/account/me/settings", new FormUrlEncodedContent([new("avatar", "flavor/taco")]));
        using var chosen = await user.Http.PostAsync("/3/account/me/settings", new FormUrlEncodedContent([new("avatar", "default/blue")]));
        using var after = await user.Http.GetAsync("/3/account/me/avatar");
        using var account = await (await app.AnonymousClientAsync()).GetAsync($"/3/account/{user.Username}");
        using var theirs = await (await app.SignedInClientAsync()).Http.GetAsync($"/3/account/{user.Username}/avatar");

        var empty = await Envelope.DataAsync(before);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, empty.GetProperty("avatar").ValueKind);
        Assert.Contains("Unknown avatar flavor/taco", await Envelope.ErrorAsync(unknown, 400), StringComparison.Ordinal);
        Assert.True((await Envelope.DataAsync(chosen)).GetBoolean());
        var avatar = await Envelope.DataAsync(after);
        Assert.Equal("default/blue", avatar.GetProperty("avatar_name").GetString());
        Assert.Equal("http://localhost/avatars/default/blue.png", avatar.GetProperty("avatar").GetString());
        var model = await Envelope.DataAsync(account);
        Assert.Equal("http://localhost/avatars/default/blue.png", model.GetProperty("avatar").GetString());
        Assert.Equal("default/blue", model.GetProperty("avatar_name").GetString());
        await Envelope.ErrorAsync(theirs, 403);
    }

    [Fact]
    public async Task UnknownAvatarImage_Is404()
    {
        using var response = await app.CreateClient().GetAsync("/avatars/default/nosuch.png");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
