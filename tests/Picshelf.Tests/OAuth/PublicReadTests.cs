using System.Net.Http.Headers;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.ResponseHeaders;

namespace Picshelf.Tests.OAuth;

/// <summary>
/// Public reads answer a caller that sends no <c>Authorization</c> header at all, as the npm <c>imgur</c> package's
/// <c>getAccount</c> does; writes and the owner's own data stay 401 without credentials (docs/imgur-compatibility.md §4.4).
/// </summary>
public sealed class PublicReadTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task NpmImgurGetAccount_WithoutAnAuthorizationHeader_AnswersTheAccount_ChargedToTheAddress()
    {
        var owner = await app.SignedInClientAsync();
        using var nobody = app.CreateClient();

        using var response = await nobody.GetAsync($"/3/account/{owner.Username}");

        var account = await Envelope.DataAsync(response);
        Assert.Equal(owner.Username, account.GetProperty("url").GetString());
        Assert.Equal(owner.AccountId, account.GetProperty("id").GetInt32());
        Assert.Equal(500, Header(response, "X-RateLimit-UserLimit"));
        Assert.False(response.Headers.Contains("X-RateLimit-ClientRemaining"));
    }

    [Fact]
    public async Task EveryListedPublicRead_AnswersWithoutCredentials()
    {
        var owner = await app.SignedInClientAsync();
        var tag = $"t{Guid.NewGuid():N}"[..12];
        var post = await owner.Http.ShareNewImageAsync("Public", ("tags", tag));
        var comment = await owner.Http.CommentAsync(post, "a public comment");
        var image = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var (album, _) = await owner.Http.CreateAlbumAsync(("ids[]", image), ("privacy", "public"));
        var user = owner.Username;
        string[] routes =
        [
            $"/3/account/{user}", $"/3/account/{user}/gallery_profile",
            $"/3/account/{user}/submissions", $"/3/account/{user}/submissions/0/newest",
            $"/3/account/{user}/gallery_favorites", $"/3/account/{user}/gallery_favorites/0/newest",
            $"/3/account/{user}/albums", $"/3/account/{user}/albums/0", $"/3/account/{user}/albums/ids",
            $"/3/account/{user}/albums/count", $"/3/account/{user}/album/{album}",
            $"/3/account/{user}/comments", $"/3/account/{user}/comments/newest/0", $"/3/account/{user}/comments/ids",
            $"/3/account/{user}/comments/count", $"/3/account/{user}/comment/{comment}",
            $"/3/image/{image}",
            $"/3/album/{album}", $"/3/album/{album}/images", $"/3/album/{album}/image/{image}",
            "/3/gallery", "/3/gallery/hot", "/3/gallery/user/time", "/3/gallery/user/time/day", "/3/gallery/user/time/day/0",
            $"/3/gallery/{post}", $"/3/gallery/image/{post}", $"/3/gallery/{post}/votes", $"/3/gallery/{post}/tags",
            $"/3/gallery/tag_info/{tag}", $"/3/gallery/t/{tag}", $"/3/gallery/t/{tag}/time", $"/3/gallery/t/{tag}/time/day/0",
            "/3/tags", $"/3/gallery/search?q={tag}", $"/3/gallery/search/time?q={tag}", $"/3/gallery/search/time/all/0?q={tag}",
            "/3/gallery/r/pics", "/3/gallery/r/pics/time", "/3/gallery/r/pics/time/day/0", "/3/gallery/random/random",
            $"/3/comment/{comment}", $"/3/comment/{comment}/replies",
            $"/3/gallery/{post}/comments", $"/3/gallery/{post}/comments/best", $"/3/gallery/{post}/comments/ids",
            $"/3/gallery/{post}/comments/count", $"/3/gallery/{post}/comment/{comment}",
        ];
        using var nobody = app.CreateClient();

        foreach (var route in routes)
        {
            using var response = await nobody.GetAsync(route);
            Assert.True(response.IsSuccessStatusCode, $"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static TheoryData<string, string> WritesAndPrivateReads => new()
    {
        { "POST", "/3/image" },
        { "POST", "/3/upload" },
        { "POST", "/3/image/abcdefg" },
        { "DELETE", "/3/image/abcdefg" },
        { "POST", "/3/image/abcdefg/favorite" },
        { "POST", "/3/album" },
        { "PUT", "/3/album/abcdefg" },
        { "DELETE", "/3/album/abcdefg" },
        { "POST", "/3/album/abcdefg/favorite" },
        { "POST", "/3/gallery/image/abcdefg" },
        { "DELETE", "/3/gallery/abcdefg" },
        { "POST", "/3/gallery/abcdefg/vote/up" },
        { "POST", "/3/comment" },
        { "DELETE", "/3/comment/1" },
        { "POST", "/3/account/someone/settings" },
        { "POST", "/3/account/someone/follow/tag/cats" },
        { "GET", "/3/credits" },
        { "GET", "/3/notification" },
        { "GET", "/3/account/me" },
        { "GET", "/3/account/me/submissions" },
        { "GET", "/3/account/me/albums" },
        { "GET", "/3/account/someone/settings" },
        { "GET", "/3/account/someone/avatar" },
        { "GET", "/3/account/someone/verifyemail" },
        { "GET", "/3/account/someone/images" },
        { "GET", "/3/account/someone/image/abcdefg" },
        { "GET", "/3/account/someone/favorites" },
        { "GET", "/3/account/someone/notifications/replies" },
    };

    [Theory]
    [MemberData(nameof(WritesAndPrivateReads))]
    public async Task WritesAndPrivateReads_WithoutCredentials_Are401(string method, string path)
    {
        using var nobody = app.CreateClient();

        using var response = await nobody.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal("Authentication required", await Envelope.ErrorAsync(response, 401));
    }

    [Fact]
    public async Task MalformedAuthorization_OnAPublicRead_IsStill403()
    {
        var owner = await app.SignedInClientAsync();
        using var malformed = app.CreateClient();
        malformed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

        using var response = await malformed.GetAsync($"/3/account/{owner.Username}");

        Assert.StartsWith("Malformed auth header", await Envelope.ErrorAsync(response, 403), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithPublicReadsOff_ReadsWithoutCredentials_Are401AsBefore()
    {
        await using var closed = new PicshelfApp().With("PublicReads:Enabled", "false");
        var owner = await closed.SignedInClientAsync();
        using var nobody = closed.CreateClient();

        using var account = await nobody.GetAsync($"/3/account/{owner.Username}");
        using var gallery = await nobody.GetAsync("/3/gallery");

        Assert.Equal("Authentication required", await Envelope.ErrorAsync(account, 401));
        Assert.Equal("Authentication required", await Envelope.ErrorAsync(gallery, 401));
    }
}
