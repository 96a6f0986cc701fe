using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// <c>/t/{tag}</c>, <c>/gallery/search</c> and <c>/user/{name}</c> show what the API's tag, search and account routes show a
/// stranger: no mature post, no hidden or secret album; unknown tags and users are the 404 page, a bad query the parser's message.
/// </summary>
public sealed class GalleryBrowsePagesTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task ATagPage_ListsTheTagsPosts_ButNotItsMatureOnes()
    {
        var owner = await app.SignedInClientAsync();
        var tag = Unique("tag");
        var plain = await owner.Http.ShareNewImageAsync("Tagged plain", ("tags", tag));
        var mature = await owner.Http.ShareNewImageAsync("Tagged mature", ("tags", tag), ("mature", "1"));
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync("/t/" + tag);
        var viral = browser.LastPage!;
        using var byTime = await browser.GetAsync($"/t/{tag}?sort=time&window=all");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"href=\"/gallery/{plain}\"", viral, StringComparison.Ordinal);
        Assert.DoesNotContain(mature, viral, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byTime.StatusCode);
        Assert.Contains($"href=\"/gallery/{plain}\"", browser.LastPage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/t/nosuchtagatall")]
    [InlineData("/t/boats?sort=sideways")]
    [InlineData("/user/nosuchuseratall")]
    [InlineData("/gallery/search?q=boats&page=99999")]
    public async Task AnUnknownTagOrUser_OrAPagePastTheEnd_IsThe404Page(string path)
    {
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task Search_UsesTheApisSyntax_AndABadQueryGetsTheParsersMessage()
    {
        var owner = await app.SignedInClientAsync();
        var word = Unique("word");
        var match = await owner.Http.ShareNewImageAsync($"{word} <i>harbour</i>");
        var other = await owner.Http.ShareNewImageAsync($"{word} hills");
        using var browser = new BrowserSession(app);

        using var found = await browser.GetAsync($"/gallery/search?q={word}+NOT+hills");
        var results = browser.LastPage!;
        using var bad = await browser.GetAsync("/gallery/search?q=boats)");
        var refused = browser.LastPage!;
        using var empty = await browser.GetAsync("/gallery/search");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains($"href=\"/gallery/{match}\"", results, StringComparison.Ordinal);
        Assert.Contains("&lt;i&gt;harbour&lt;/i&gt;", results, StringComparison.Ordinal);
        Assert.DoesNotContain(other, results, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("The search has a ) without its (", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
    }

    [Fact]
    public async Task AUserPage_ShowsTheirPostsPublicAlbumsAndGalleryFavorites_AsAStrangerSeesThem()
    {
        var owner = await app.SignedInClientAsync();
        var post = await owner.Http.ShareNewImageAsync("Their post");
        var mature = await owner.Http.ShareNewImageAsync("Their mature post", ("mature", "1"));
        var image = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var (publicAlbum, _) = await owner.Http.CreateAlbumAsync(("ids", image), ("privacy", "public"), ("title", "Open album"));
        var (hiddenAlbum, _) = await owner.Http.CreateAlbumAsync(("ids", image), ("privacy", "hidden"), ("title", "Hidden album"));
        var other = await app.SignedInClientAsync();
        var favorite = await other.Http.ShareNewImageAsync("A favorite");
        using (await owner.Http.PostAsync($"/3/image/{favorite}/favorite", null))
        {
        }
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();

        using var page = await browser.GetAsync("/user/" + owner.Username);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = browser.LastPage!;
        Assert.Contains($"href=\"/gallery/{post}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(mature, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/a/{publicAlbum}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(hiddenAlbum, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/gallery/{favorite}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("deletehash", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AUsersList_IsPagedPastItsFirstPage_FromTheLinkOnTheirPage()
    {
        var owner = await app.SignedInClientAsync();
        var albums = new List<string>();
        for (var i = 0; i <= Picshelf.Api.Paging.DefaultPerPage; i++)
        {
            albums.Add((await owner.Http.CreateAlbumAsync(("privacy", "public"), ("title", $"Album {i}"))).Id);
        }
        using var browser = new BrowserSession(app);
        var list = $"/user/{owner.Username}/albums";

        using var profile = await browser.GetAsync("/user/" + owner.Username);
        var profilePage = browser.LastPage!;
        using var second = await browser.GetAsync(list + "?page=1");
        var secondPage = browser.LastPage!;
        using var first = await browser.GetAsync(list);
        var firstPage = browser.LastPage!;
        using var past = await browser.GetAsync(list + "?page=2");
        using var unknownList = await browser.GetAsync($"/user/{owner.Username}/photos");
        using var pagedProfile = await browser.GetAsync($"/user/{owner.Username}?page=1");

        static List<string> Linked(string html) =>
            System.Text.RegularExpressions.Regex.Matches(html, @"href=""/a/([A-Za-z0-9]+)""").Select(match => match.Groups[1].Value).ToList();
        Assert.Contains($@"id=""more-albums"" href=""{list}?page=1""", profilePage, StringComparison.Ordinal);
        Assert.Equal(Picshelf.Api.Paging.DefaultPerPage, Linked(profilePage).Count);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(albums.Order(StringComparer.Ordinal), Linked(firstPage).Concat(Linked(secondPage)).Order(StringComparer.Ordinal));
        Assert.Contains($@"id=""previous-page"" href=""{list}""", secondPage, StringComparison.Ordinal);
        Assert.DoesNotContain("next-page", secondPage, StringComparison.Ordinal);
        Assert.Contains($@"id=""next-page"" href=""{list}?page=1""", firstPage, StringComparison.Ordinal);
        Assert.DoesNotContain("more-albums", firstPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, past.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownList.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, pagedProfile.StatusCode);
    }
}
