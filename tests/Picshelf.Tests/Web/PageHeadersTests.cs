using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// Every page refuses to be framed and to be stored, runs only the site's own script and style files, keeps its address
/// from other sites and holds no inline script or style (which the policy would block), on a first visit and on a
/// returning one alike.
/// </summary>
public sealed partial class PageHeadersTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Theory]
    [InlineData("/signin", HttpStatusCode.OK)]
    [InlineData("/signup", HttpStatusCode.OK)]
    [InlineData("/signout", HttpStatusCode.OK)]
    [InlineData("/account/verifyemail?token=not-a-token", HttpStatusCode.BadRequest)]
    [InlineData("/oauth2/authorize?client_id=nosuchclient&response_type=token", HttpStatusCode.BadRequest)]
    [InlineData("/tools", HttpStatusCode.OK)]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    [InlineData("/NoSuch1", HttpStatusCode.NotFound)]
    [InlineData("/a/NoSuch1", HttpStatusCode.NotFound)]
    [InlineData("/delete/NoSuchDeleteHsh", HttpStatusCode.NotFound)]
    [InlineData("/gallery", HttpStatusCode.OK)]
    [InlineData("/gallery?sort=top&window=week", HttpStatusCode.OK)]
    [InlineData("/gallery/NoSuch1", HttpStatusCode.NotFound)]
    [InlineData("/gallery/search?q=boats", HttpStatusCode.OK)]
    [InlineData("/gallery/search?q=(boats", HttpStatusCode.BadRequest)]
    [InlineData("/t/nosuchtag", HttpStatusCode.NotFound)]
    [InlineData("/user/nosuchuser", HttpStatusCode.NotFound)]
    [InlineData("/", HttpStatusCode.OK)]
    public async Task APublicPage_RefusesFramingAndStoring_WithoutCookiesAndWithThem(string path, HttpStatusCode status)
    {
        using var browser = new BrowserSession(app);

        using var firstVisit = await browser.GetAsync(path);
        using var returning = await browser.GetAsync(path);

        AssertProtected(firstVisit, status);
        AssertProtected(returning, status);
    }

    [Theory]
    [InlineData("/oauth2/addclient")]
    [InlineData("/account/settings/apps")]
    [InlineData("/account/settings/password")]
    [InlineData("/account/settings/sharex")]
    [InlineData("/account/uploads")]
    [InlineData("/account/settings")]
    [InlineData("/")]
    public async Task ASignedInPage_RefusesFramingAndStoring_WithTheSessionsCookies(string path)
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();

        using var page = await browser.GetAsync(path);
        using var again = await browser.GetAsync(path);

        AssertProtected(page, HttpStatusCode.OK);
        AssertProtected(again, HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheConsentAndPinPages_RefuseFramingAndStoring_WithTheSessionsCookies()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var (clientId, _) = await browser.RegisterApplicationAsync(null);

        using var consent = await browser.GetAsync($"/oauth2/authorize?client_id={clientId}&response_type=pin");
        using var pin = await browser.SubmitAsync("/oauth2/authorize", ("client_id", clientId), ("response_type", "pin"), ("state", ""), ("decision", "allow"));

        AssertProtected(consent, HttpStatusCode.OK);
        AssertProtected(pin, HttpStatusCode.OK);
        Assert.Contains("id=\"pin\"", browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNewSecretAndARefusedRegistration_RefuseFramingAndStoring()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        await browser.GetAsync("/oauth2/addclient");

        using var refused = await browser.SubmitAsync("/oauth2/addclient", ("name", ""), ("kind", "pin"), ("redirect_uri", ""));
        using var created = await browser.SubmitAsync("/oauth2/addclient", ("name", "Framed"), ("kind", "pin"), ("redirect_uri", ""));

        AssertProtected(refused, HttpStatusCode.BadRequest);
        AssertProtected(created, HttpStatusCode.OK);
        Assert.Contains("id=\"client-secret\"", browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheImageAlbumAndDeletionPages_RefuseFramingAndStoring_WithoutCookiesAndWithThem()
    {
        using var api = await app.AnonymousClientAsync();
        var image = await api.UploadAsync(TestImages.Png(), ("title", "Framed"));
        var (albumId, albumHash) = await api.CreateAlbumAsync(("deletehashes", image.GetProperty("deletehash").GetString()!), ("title", "Framed album"));
        using var browser = new BrowserSession(app);

        foreach (var path in new[] { "/" + image.GetProperty("id").GetString(), "/a/" + albumId, "/delete/" + albumHash })
        {
            using var firstVisit = await browser.GetAsync(path);
            using var returning = await browser.GetAsync(path);

            AssertProtected(firstVisit, HttpStatusCode.OK);
            AssertProtected(returning, HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task AGalleryPostPage_RefusesFramingAndStoring_SignedOutAndSignedIn()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Framed post", ("tags", "framed"));
        using var visitor = new BrowserSession(app);
        using var member = new BrowserSession(app);
        await member.SignUpAsync();

        using var signedOut = await visitor.GetAsync("/gallery/" + id);
        using var signedIn = await member.GetAsync("/gallery/" + id);

        AssertProtected(signedOut, HttpStatusCode.OK);
        AssertProtected(signedIn, HttpStatusCode.OK);
    }

    /// <summary>The headers every page carries, and no inline style or script in its HTML.</summary>
    internal static void AssertProtected(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore, $"no Cache-Control: no-store on {response.RequestMessage!.RequestUri}");
        var html = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.DoesNotMatch(InlineStyleOrScript(), html);
    }

    /// <summary>A style element or attribute, an inline script, or an event-handler attribute.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"<style|\sstyle=|<script(?![^>]*\ssrc=)|\son[a-z]+=", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex InlineStyleOrScript();
}
