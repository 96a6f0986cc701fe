using System.Net;
using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// <c>/oembed</c> answers oEmbed 1.0 in JSON for this site's image pages, direct links and album pages: a photo for an
/// image, sized to the consumer's maxima; a rich snippet of a link and the cover, with no script, for an album; and
/// the spec's statuses for what it cannot answer.
/// </summary>
public sealed class OEmbedTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private async Task<(HttpResponseMessage Response, JsonElement Body)> AskAsync(string query)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/oembed?" + query);
        var text = await response.Content.ReadAsStringAsync();
        return (response, response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    private static string Url(string address) => "url=" + Uri.EscapeDataString(address);

    [Fact]
    public async Task AnImagePage_IsAPhoto_WithItsDirectLinkAndSize_InTheBareOEmbedShape()
    {
        var owner = await app.SignedInClientAsync();
        var image = await owner.Http.UploadAsync(TestImages.Jpeg(640, 480), ("title", "Harbour"));
        var id = image.GetProperty("id").GetString()!;

        var (response, body) = await AskAsync(Url($"http://localhost/{id}") + "&format=json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            ["type", "version", "title", "author_name", "provider_name", "provider_url", "url", "width", "height"],
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("photo", body.GetProperty("type").GetString());
        Assert.Equal("1.0", body.GetProperty("version").GetString());
        Assert.Equal("Harbour", body.GetProperty("title").GetString());
        Assert.Equal(owner.Username, body.GetProperty("author_name").GetString());
        Assert.Equal("Picshelf", body.GetProperty("provider_name").GetString());
        Assert.Equal("http://localhost", body.GetProperty("provider_url").GetString());
        Assert.Equal(image.GetProperty("link").GetString(), body.GetProperty("url").GetString());
        Assert.Equal(640, body.GetProperty("width").GetInt32());
        Assert.Equal(480, body.GetProperty("height").GetInt32());
    }

    [Theory]
    [InlineData("&maxwidth=320", 320, 240)]
    [InlineData("&maxheight=120", 160, 120)]
    [InlineData("&maxwidth=320&maxheight=100", 133, 100)]
    [InlineData("&maxwidth=1000&maxheight=1000", 640, 480)]
    public async Task TheMaxima_ScaleThePhotoDown_KeepingItsAspect_AndNeverUp(string maxima, int width, int height)
    {
        using var api = await app.AnonymousClientAsync();
        var id = (await api.UploadAsync(TestImages.Jpeg(640, 480))).GetProperty("id").GetString()!;

        var (_, body) = await AskAsync(Url($"http://localhost/{id}") + maxima);

        Assert.Equal(width, body.GetProperty("width").GetInt32());
        Assert.Equal(height, body.GetProperty("height").GetInt32());
    }

    [Theory]
    [InlineData("{0}.png")]
    [InlineData("{0}.jpg")]
    [InlineData("{0}m.png")]
    public async Task ADirectOrThumbnailLink_NamesItsImage(string name)
    {
        using var api = await app.AnonymousClientAsync();
        var image = await api.UploadAsync(TestImages.Png(64, 48));

        var (_, body) = await AskAsync(Url("http://localhost/" + string.Format(System.Globalization.CultureInfo.InvariantCulture, name, image.GetProperty("id").GetString())));

        Assert.Equal("photo", body.GetProperty("type").GetString());
        Assert.Equal(image.GetProperty("link").GetString(), body.GetProperty("url").GetString());
        Assert.Equal(64, body.GetProperty("width").GetInt32());
    }

    [Fact]
    public async Task AnAlbum_IsRich_ALinkAndItsCoverOnly_WithEveryTextEncoded()
    {
        using var api = await app.AnonymousClientAsync();
        var first = await api.UploadAsync(TestImages.Png(40, 30));
        var cover = await api.UploadAsync(TestImages.Png(800, 400));
        var (albumId, _) = await api.CreateAlbumAsync(
            ("deletehashes", $"{first.GetProperty("deletehash").GetString()},{cover.GetProperty("deletehash").GetString()}"),
            ("cover", cover.GetProperty("id").GetString()!), ("title", "<script>alert(1)</script>\""), ("privacy", "secret"));

        var (response, body) = await AskAsync(Url($"http://localhost/a/{albumId}") + "&maxwidth=400");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("rich", body.GetProperty("type").GetString());
        Assert.Equal("1.0", body.GetProperty("version").GetString());
        Assert.Equal("<script>alert(1)</script>\"", body.GetProperty("title").GetString());
        Assert.Equal(400, body.GetProperty("width").GetInt32());
        Assert.Equal(200, body.GetProperty("height").GetInt32());
        Assert.Equal(
            $"<a href=\"http://localhost/a/{albumId}\"><img src=\"{cover.GetProperty("link").GetString()}\" alt=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;\" width=\"400\" height=\"200\"></a>",
            body.GetProperty("html").GetString());
        Assert.False(body.TryGetProperty("url", out _));
    }

    [Theory]
    [InlineData("http://localhost/Gone123")]
    [InlineData("http://localhost/a/Gone123")]
    [InlineData("http://localhost/Gone123.jpg")]
    [InlineData("http://localhost/signin")]
    [InlineData("http://localhost/3/image/Gone123")]
    [InlineData("http://elsewhere.example/{0}")]
    [InlineData("ftp://localhost/{0}")]
    [InlineData("/{0}")]
    [InlineData("")]
    public async Task AnAddressThatIsNotOneOfThisSitesItems_Is404(string address)
    {
        using var api = await app.AnonymousClientAsync();
        var id = (await api.UploadAsync(TestImages.Png())).GetProperty("id").GetString();

        var (response, _) = await AskAsync(Url(string.Format(System.Globalization.CultureInfo.InvariantCulture, address, id)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnEmptyAlbum_HasNothingToEmbed_404()
    {
        using var api = await app.AnonymousClientAsync();
        var (albumId, _) = await api.CreateAlbumAsync(("title", "Empty"));

        var (response, _) = await AskAsync(Url($"http://localhost/a/{albumId}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("yaml")]
    public async Task AnotherFormat_Is501(string format)
    {
        using var api = await app.AnonymousClientAsync();
        var id = (await api.UploadAsync(TestImages.Png())).GetProperty("id").GetString();

        var (response, _) = await AskAsync(Url($"http://localhost/{id}") + "&format=" + format);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.DoesNotContain("\"success\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("maxwidth=0")]
    [InlineData("maxwidth=-5")]
    [InlineData("maxheight=wide")]
    public async Task AMaximumThatIsNotAPositiveNumber_Is400(string maximum)
    {
        using var api = await app.AnonymousClientAsync();
        var id = (await api.UploadAsync(TestImages.Png())).GetProperty("id").GetString();

        var (response, _) = await AskAsync(Url($"http://localhost/{id}") + "&" + maximum);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheDiscoveryLinkOfAPage_AnswersItsOEmbed()
    {
        using var api = await app.AnonymousClientAsync();
        var id = (await api.UploadAsync(TestImages.Png(), ("title", "Found"))).GetProperty("id").GetString();
        using var browser = new BrowserSession(app);
        await browser.GetAsync("/" + id);
        var discovered = new Uri(PageMarkup.OEmbedLink(browser.LastPage!)!);

        var (response, body) = await AskAsync(discovered.Query.TrimStart('?'));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Found", body.GetProperty("title").GetString());
    }
}
