using System.Net;
using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// <c>/{id}</c> shows an image to anyone with its link: the original (so animations play), its title, description, views
/// and date, a download and its direct link, and the tags a chat needs to preview it; a missing one is the 404 page.
/// </summary>
public sealed class ImagePageTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private async Task<JsonElement> UploadAsync(byte[] image, params (string Name, string Value)[] fields)
    {
        using var api = await app.AnonymousClientAsync();
        return await api.UploadAsync(image, fields);
    }

    [Fact]
    public async Task AnImagePage_ShowsTheOriginal_ItsTitleDescriptionViewsAndDate_AndLinksToItsBytes()
    {
        var image = await UploadAsync(TestImages.Jpeg(640, 480), ("title", "Harbour at dusk"), ("description", "Boats\nand gulls"));
        var id = image.GetProperty("id").GetString()!;
        var link = image.GetProperty("link").GetString()!;
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync("/" + id);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = browser.LastPage!;
        Assert.Equal(link, PageMarkup.Attribute(html, "image", "src"));
        Assert.Equal("Harbour at dusk", PageMarkup.Attribute(html, "image", "alt"));
        Assert.Equal("640", PageMarkup.Attribute(html, "image", "width"));
        Assert.Contains("<h1>Harbour at dusk</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Boats&#xA;and gulls", html, StringComparison.Ordinal);
        Assert.Equal("0", browser.Field("views"));
        var uploaded = DateTimeOffset.FromUnixTimeSeconds(image.GetProperty("datetime").GetInt64()).UtcDateTime;
        Assert.Contains($"<time datetime=\"{uploaded:yyyy-MM-dd'T'HH:mm:ss'Z'}\">", html, StringComparison.Ordinal);
        Assert.Equal(link, PageMarkup.Attribute(html, "download", "href"));
        Assert.Equal(id + ".jpg", PageMarkup.Attribute(html, "download", "download"));
        Assert.Equal(link, PageMarkup.Attribute(html, "direct-link", "value"));
        Assert.Equal("http://localhost/" + id, PageMarkup.Attribute(html, "page-link", "value"));
        using var client = app.CreateClient();
        Assert.Equal(image.GetProperty("size").GetInt32(), (await client.GetByteArrayAsync(link)).Length);
    }

    [Fact]
    public async Task TheSharingTags_GiveTheAbsoluteDirectLinkAndItsSize_AndDiscoverOEmbed()
    {
        var image = await UploadAsync(TestImages.Png(300, 200), ("title", "Preview me"), ("description", "A line"));
        var id = image.GetProperty("id").GetString()!;
        using var browser = new BrowserSession(app);

        await browser.GetAsync("/" + id);

        var html = browser.LastPage!;
        Assert.Equal("Preview me", PageMarkup.Meta(html, "og:title"));
        Assert.Equal("A line", PageMarkup.Meta(html, "og:description"));
        Assert.Equal("website", PageMarkup.Meta(html, "og:type"));
        Assert.Equal($"http://localhost/{id}", PageMarkup.Meta(html, "og:url"));
        Assert.Equal($"http://localhost/{id}.png", PageMarkup.Meta(html, "og:image"));
        Assert.Equal("300", PageMarkup.Meta(html, "og:image:width"));
        Assert.Equal("200", PageMarkup.Meta(html, "og:image:height"));
        Assert.Equal("summary_large_image", PageMarkup.Meta(html, "twitter:card"));
        Assert.Equal($"http://localhost/{id}.png", PageMarkup.Meta(html, "twitter:image"));
        Assert.Equal($"http://localhost/oembed?format=json&url=http%3A%2F%2Flocalhost%2F{id}", PageMarkup.OEmbedLink(html));
        Assert.Null(PageMarkup.Meta(html, "robots"));
    }

    [Fact]
    public async Task AnAnimatedGif_IsShownAsItsOriginal_UntilItsMp4IsMade()
    {
        await using var idle = new PicshelfApp().With("Media:RenditionWorkers", "0");
        using var api = await idle.AnonymousClientAsync();
        var image = await api.UploadAsync(TestImages.AnimatedGif());
        var id = image.GetProperty("id").GetString()!;
        using var browser = new BrowserSession(idle);

        await browser.GetAsync("/" + id);

        Assert.True(image.GetProperty("animated").GetBoolean());
        Assert.Equal($"http://localhost/{id}.gif", PageMarkup.Attribute(browser.LastPage!, "image", "src"));
        Assert.Contains("image/gif, animated", browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnimationWhoseMp4IsMade_PlaysItMutedAndLooping_WithoutControls()
    {
        using var api = await app.AnonymousClientAsync();
        var id = (await api.UploadAsync(TestImages.AnimatedGif())).GetProperty("id").GetString()!;
        await Renditions.ProcessedAsync(api, id);
        using var browser = new BrowserSession(app);

        await browser.GetAsync("/" + id);

        var html = browser.LastPage!;
        Assert.Matches("<video id=\"image\" class=\"item-image\" autoplay loop muted playsinline poster=", html);
        Assert.Contains($"<source src=\"http://localhost/{id}.mp4\" type=\"video/mp4\">", html, StringComparison.Ordinal);
        Assert.Equal($"/{id}h.jpg", PageMarkup.Attribute(html, "image", "poster"));
        Assert.Equal($"http://localhost/{id}.gif", PageMarkup.Meta(html, "og:image"));
        Assert.Equal($"http://localhost/{id}.mp4", PageMarkup.Meta(html, "og:video"));
    }

    [Fact]
    public async Task AVideoWithSound_PlaysWithControls_AndPreviewsAsItsPosterFrame()
    {
        using var api = await app.AnonymousClientAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(await TestVideos.Mp4()), "video", "clip.mp4" } };
        var id = (await Envelope.DataAsync(await api.PostAsync("/3/upload", form))).GetProperty("id").GetString()!;
        await Renditions.ProcessedAsync(api, id);
        using var browser = new BrowserSession(app);

        await browser.GetAsync("/" + id);

        var html = browser.LastPage!;
        Assert.Equal("controls", PageMarkup.Attribute(html, "image", "controls"));
        Assert.Contains($"<source src=\"http://localhost/{id}.mp4\" type=\"video/mp4\">", html, StringComparison.Ordinal);
        Assert.Equal($"http://localhost/{id}.jpg", PageMarkup.Meta(html, "og:image"));
        Assert.Equal("image/jpeg", PageMarkup.Meta(html, "og:image:type"));
        Assert.Equal($"http://localhost/{id}.mp4", PageMarkup.Meta(html, "og:video"));
        Assert.Contains("video/mp4, animated", html, StringComparison.Ordinal);
        var embed = await Envelope.ReadAsync(await api.GetAsync($"/oembed?format=json&url=http%3A%2F%2Flocalhost%2F{id}"));
        Assert.Equal($"http://localhost/{id}.jpg", embed.GetProperty("url").GetString());
    }

    [Fact]
    public async Task AnImageWithoutATitle_HasANeutralHeadingAndAltText()
    {
        var id = (await UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        using var browser = new BrowserSession(app);

        await browser.GetAsync("/" + id);

        Assert.Equal("Untitled image", PageMarkup.Attribute(browser.LastPage!, "image", "alt"));
        Assert.Equal("Untitled image", PageMarkup.Meta(browser.LastPage!, "og:title"));
    }

    [Fact]
    public async Task MarkupInTheTitleAndDescription_IsShownAsText_AndRunsNothing()
    {
        const string title = "<script>alert(1)</script>\"'";
        const string description = "<img src=x alt=2>";
        var id = (await UploadAsync(TestImages.Png(), ("title", title), ("description", description))).GetProperty("id").GetString()!;
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync("/" + id);

        PageHeadersTests.AssertProtected(page, HttpStatusCode.OK);
        var html = browser.LastPage!;
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Equal(title, PageMarkup.Attribute(html, "image", "alt"));
        Assert.Equal(title, PageMarkup.Meta(html, "og:title"));
        Assert.Equal(description, PageMarkup.Meta(html, "og:description"));
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/json")]
    public async Task AMissingImage_IsThe404Page_WhoeverAsks(string accept)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Gone123");
        request.Headers.Accept.ParseAdd(accept);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("There is no page at this address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/signout", "Sign out")]
    [InlineData("/signin", "Sign in")]
    public async Task ThePagesWithNames_StillAnswer_WhereAnIdCouldStand(string path, string heading)
    {
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"<h1>{heading}</h1>", browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherOneSegmentPath_KeepsItsAnswer_ForAClient()
    {
        using var client = app.CreateClient();

        using var health = await client.GetAsync("/healthz");
        using var notAnId = await client.GetAsync("/not-an-id");

        Assert.Equal("alive", (await Envelope.DataAsync(health)).GetProperty("status").GetString());
        await Envelope.ErrorAsync(notAnId, 404);
    }

    [Fact]
    public async Task ThePageCountsNoViewItself_TheOriginalItShowsCountsOne_AsEveryDirectLinkDoes()
    {
        using var api = await app.AnonymousClientAsync();
        var image = await api.UploadAsync(TestImages.Png());
        var id = image.GetProperty("id").GetString()!;
        using var browser = new BrowserSession(app);

        await browser.GetAsync("/" + id);
        await browser.GetAsync("/" + id);
        var viewsAfterPages = await ViewsAsync(api, id);
        using var client = app.CreateClient();
        await client.GetByteArrayAsync(PageMarkup.Attribute(browser.LastPage!, "image", "src"));
        var viewsAfterOriginal = await ViewsAsync(api, id);
        // The kept page shows the count of its last render; writing the count (every 200 ms here) drops it.
        var shown = "0";
        for (var waited = 0; shown != "1" && waited < 100; waited++)
        {
            await Task.Delay(100);
            await browser.GetAsync("/" + id);
            shown = browser.Field("views");
        }

        Assert.Equal(0, viewsAfterPages);
        Assert.Equal(1, viewsAfterOriginal);
        Assert.Equal("1", shown);
        Assert.Equal(1, await ViewsAsync(api, id));
    }

    private static async Task<int> ViewsAsync(HttpClient api, string id)
    {
        using var response = await api.GetAsync("/3/image/" + id);
        return (await Envelope.DataAsync(response)).GetProperty("views").GetInt32();
    }
}
