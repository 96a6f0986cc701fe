using System.Net;
using System.Text.RegularExpressions;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// <c>/a/{id}</c> shows an album to anyone with its link, whatever its privacy, as the API does: its images in order with
/// their titles and descriptions, its own title, description and views, and its cover in the sharing tags. A hidden or
/// secret album is never listed; a missing one is the 404 page; 50 images cost no more queries than one.
/// </summary>
public sealed partial class AlbumPageTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task AnAlbumPage_ShowsItsImagesInOrder_WithTheirTitlesAndDescriptions()
    {
        using var api = await app.AnonymousClientAsync();
        var first = await api.UploadAsync(TestImages.Png(40, 30), ("title", "First"), ("description", "The first one"));
        var second = await api.UploadAsync(TestImages.AnimatedGif(), ("title", "Second"));
        var third = await api.UploadAsync(TestImages.Jpeg(300, 200));
        var (albumId, _) = await api.CreateAlbumAsync(
            ("deletehashes", string.Join(',', new[] { third, first, second }.Select(i => i.GetProperty("deletehash").GetString()))),
            ("title", "Holiday"), ("description", "Three days\nby the sea"), ("cover", first.GetProperty("id").GetString()!));
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync("/a/" + albumId);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = browser.LastPage!;
        Assert.Equal(
            new[] { third, first, second }.Select(i => i.GetProperty("id").GetString()),
            ImageEntries().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Contains("<h1>Holiday</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Three days&#xA;by the sea", html, StringComparison.Ordinal);
        Assert.Equal("3", browser.Field("images-count"));
        Assert.Equal("0", browser.Field("views"));
        Assert.Contains("<h2>First</h2>", html, StringComparison.Ordinal);
        Assert.Contains("The first one", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Second</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"{second.GetProperty("link").GetString()}\" alt=\"Second\"", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"{third.GetProperty("link").GetString()}\" alt=\"Untitled image\" width=\"300\" height=\"200\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSharingTags_ShowTheCover_AndDiscoverOEmbed()
    {
        using var api = await app.AnonymousClientAsync();
        var first = await api.UploadAsync(TestImages.Png(40, 30));
        var cover = await api.UploadAsync(TestImages.Png(80, 60));
        var (albumId, _) = await api.CreateAlbumAsync(
            ("deletehashes", $"{first.GetProperty("deletehash").GetString()},{cover.GetProperty("deletehash").GetString()}"),
            ("title", "Covered"), ("cover", cover.GetProperty("id").GetString()!));
        using var browser = new BrowserSession(app);

        await browser.GetAsync("/a/" + albumId);

        var html = browser.LastPage!;
        Assert.Equal("Covered", PageMarkup.Meta(html, "og:title"));
        Assert.Equal($"http://localhost/a/{albumId}", PageMarkup.Meta(html, "og:url"));
        Assert.Equal(cover.GetProperty("link").GetString(), PageMarkup.Meta(html, "og:image"));
        Assert.Equal("80", PageMarkup.Meta(html, "og:image:width"));
        Assert.Equal("60", PageMarkup.Meta(html, "og:image:height"));
        Assert.Equal("summary_large_image", PageMarkup.Meta(html, "twitter:card"));
        Assert.Equal($"http://localhost/oembed?format=json&url=http%3A%2F%2Flocalhost%2Fa%2F{albumId}", PageMarkup.OEmbedLink(html));
    }

    [Fact]
    public async Task AnEmptyAlbum_SaysSo_AndOffersNoPicture()
    {
        using var api = await app.AnonymousClientAsync();
        var (albumId, _) = await api.CreateAlbumAsync(("title", "Nothing yet"));
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync("/a/" + albumId);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("This album has no images.", browser.LastPage, StringComparison.Ordinal);
        Assert.Null(PageMarkup.Meta(browser.LastPage!, "og:image"));
        Assert.Equal("summary", PageMarkup.Meta(browser.LastPage!, "twitter:card"));
    }

    [Theory]
    [InlineData("public", false)]
    [InlineData("hidden", true)]
    [InlineData("secret", true)]
    public async Task AnyAlbum_OpensByItsLink_ButOnlyAPublicOneIsListed(string privacy, bool unlisted)
    {
        var owner = await app.SignedInClientAsync();
        var image = await owner.Http.UploadAsync(TestImages.Png());
        var (albumId, _) = await owner.Http.CreateAlbumAsync(("ids", image.GetProperty("id").GetString()!), ("privacy", privacy), ("title", "Mine"));
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync("/a/" + albumId);
        using var stranger = await app.AnonymousClientAsync();
        using var listing = await stranger.GetAsync($"/3/account/{owner.Username}/albums/ids");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>Mine</h1>", browser.LastPage, StringComparison.Ordinal);
        Assert.Equal(unlisted ? "noindex" : null, PageMarkup.Meta(browser.LastPage!, "robots"));
        var listed = (await Envelope.DataAsync(listing)).EnumerateArray().Select(id => id.GetString()).ToList();
        Assert.Equal(!unlisted, listed.Contains(albumId));
    }

    [Fact]
    public async Task MarkupInTheAlbumsTexts_IsShownAsText()
    {
        using var api = await app.AnonymousClientAsync();
        var image = await api.UploadAsync(TestImages.Png(), ("title", "<b>bold</b>"));
        var (albumId, _) = await api.CreateAlbumAsync(("deletehashes", image.GetProperty("deletehash").GetString()!),
            ("title", "<script>alert(1)</script>"), ("description", "<style>body{display:none}</style>"));
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync("/a/" + albumId);

        PageHeadersTests.AssertProtected(page, HttpStatusCode.OK);
        Assert.Contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>", browser.LastPage, StringComparison.Ordinal);
        Assert.Contains("<h2>&lt;b&gt;bold&lt;/b&gt;</h2>", browser.LastPage, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script>", PageMarkup.Meta(browser.LastPage!, "og:title"));
    }

    [Fact]
    public async Task AMissingAlbum_IsThe404Page()
    {
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync("/a/Gone123");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("There is no page at this address", browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAlbumOf50Images_TakesNoMoreQueriesThanAnAlbumOfOne()
    {
        // EF Core logs each command it runs at Information, which the server otherwise leaves out. 50 uploads are more
        // than one hour's credits of a user: the budgets are not what this counts.
        await using var counted = new PicshelfApp().With("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information")
            .With("RateLimits:Enabled", "false");
        using var api = await counted.AnonymousClientAsync();
        var deleteHashes = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            deleteHashes.Add((await api.UploadAsync(TestImages.Png(16, 12), ("title", $"Image {i}"))).GetProperty("deletehash").GetString()!);
        }
        var (ofOne, _) = await api.CreateAlbumAsync(("deletehashes", deleteHashes[0]));
        var (ofFifty, _) = await api.CreateAlbumAsync(("deletehashes", string.Join(',', deleteHashes)));
        // Signed in, so that every read renders: a signed-out reader's page is kept, and its next read costs nothing.
        using var browser = new BrowserSession(counted);
        await browser.SignUpAsync();

        var queriesForOne = await FewestQueriesAsync(counted, browser, "/a/" + ofOne);
        var queriesForFifty = await FewestQueriesAsync(counted, browser, "/a/" + ofFifty);

        Assert.Equal(50, ImageEntries().Count(browser.LastPage!));
        Assert.InRange(queriesForOne, 1, 10);
        Assert.Equal(queriesForOne, queriesForFifty);
    }

    /// <summary>The fewest commands of three renders: a flush or clean-up running in the background meanwhile adds to one at most.</summary>
    private static async Task<int> FewestQueriesAsync(PicshelfApp counted, BrowserSession browser, string path)
    {
        int Executed() => counted.Logs.Lines.Count(line => line.Contains("Executed DbCommand", StringComparison.Ordinal));
        var fewest = int.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var before = Executed();
            using var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            fewest = Math.Min(fewest, Executed() - before);
        }
        return fewest;
    }

    [GeneratedRegex("<li id=\"image-([0-9A-Za-z]+)\">")]
    private static partial Regex ImageEntries();
}
