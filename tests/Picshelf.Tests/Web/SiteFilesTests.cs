using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// The site's own files come from the assembly with their types and an hour's caching; a browser asking for a page that
/// does not exist gets an HTML 404, while the API's and direct links' answers stay exactly as clients parse them.
/// </summary>
public sealed class SiteFilesTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Theory]
    [InlineData("/static/site.css", "text/css")]
    [InlineData("/static/favicon.svg", "image/svg+xml")]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/robots.txt", "text/plain")]
    public async Task TheSitesFiles_AreServedWithTheirType_AndCachedForAnHour(string path, string type)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.CacheControl?.MaxAge);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task RobotsTxt_KeepsCrawlersOffTheApiAndDeletionLinks()
    {
        using var client = app.CreateClient();

        var robots = await client.GetStringAsync("/robots.txt");

        Assert.Contains("Disallow: /3/", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /delete/", robots, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no/such/page")]
    [InlineData("/a/b/c/d")]
    public async Task ABrowserOnAPathNothingServes_GetsTheHtml404Page(string path)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("There is no page at this address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no/such/page", "application/json")]
    [InlineData("/no/such/page", null)]
    [InlineData("/3/no/such/route", "text/html")]
    [InlineData("/3/image/nosuchid", "text/html")]
    [InlineData("/nosuch1.jpg", "text/html")]
    public async Task ClientsAndTheApi_KeepTheJsonEnvelopeFor404(string path, string? accept)
    {
        using var client = await app.AnonymousClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await client.SendAsync(request);

        await Envelope.ErrorAsync(response, 404);
    }
}
