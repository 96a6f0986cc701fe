using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// <c>/gallery</c> lists the gallery as the API does, and <c>/gallery/{id}</c> shows a post with its comments; a signed-in
/// visitor votes and comments by form through the API's own services, whose refusals the page shows without storing anything.
/// </summary>
public sealed class GalleryPagesTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task TheNewTab_ListsAPost_WithItsThumbnailTitlePointsAndComments_LinkingToItsPage()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Listed on the gallery");
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync("/gallery?sort=new");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = browser.LastPage!;
        Assert.Contains($"<a href=\"/gallery/{id}\">", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"http://localhost/{id}b.png\"", html, StringComparison.Ordinal);
        Assert.Contains("Listed on the gallery", html, StringComparison.Ordinal);
        Assert.Contains("0 points · 0 comments", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/gallery?sort=top\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/gallery?sort=rising")]
    [InlineData("/gallery?sort=top&window=decade")]
    [InlineData("/gallery?page=-1")]
    [InlineData("/gallery?sort=new&page=99999")]
    public async Task AnUnknownOrderWindowOrAPagePastTheEnd_IsThe404Page(string path)
    {
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostPage_ShowsTheImageTitleSubmitterTagsAndCounts_AndATitleWithMarkupAsText()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("<script>alert(1)</script> harbour", ("tags", "boats"));
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync("/gallery/" + id);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = browser.LastPage!;
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; harbour", html, StringComparison.Ordinal);
        Assert.Equal($"http://localhost/{id}.png", PageMarkup.Attribute(html, "image", "src"));
        Assert.Equal("/user/" + owner.Username, PageMarkup.Attribute(html, "submitter", "href"));
        Assert.Contains("<a href=\"/t/boats\">boats</a>", html, StringComparison.Ordinal);
        Assert.Equal("0", browser.Field("points"));
        Assert.Equal($"http://localhost/gallery/{id}", PageMarkup.Meta(html, "og:url"));
        Assert.Equal($"http://localhost/{id}.png", PageMarkup.Meta(html, "og:image"));
        Assert.DoesNotContain("id=\"vote\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVideoPostPage_PlaysItsMp4_AndPreviewsAsItsPosterFrame()
    {
        var owner = await app.SignedInClientAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(await TestVideos.Mp4()), "video", "clip.mp4" } };
        var id = (await Envelope.DataAsync(await owner.Http.PostAsync("/3/upload", form))).GetProperty("id").GetString()!;
        await Renditions.ProcessedAsync(owner.Http, id);
        using (var shared = await owner.Http.PostAsync($"/3/gallery/image/{id}", Forms.Form([("title", "Waves"), ("terms", "1")])))
        {
            Assert.True((await Envelope.DataAsync(shared)).GetBoolean());
        }
        using var browser = new BrowserSession(app);

        await browser.GetAsync("/gallery/" + id);

        var html = browser.LastPage!;
        Assert.Equal("controls", PageMarkup.Attribute(html, "image", "controls"));
        Assert.Contains($"<source src=\"http://localhost/{id}.mp4\" type=\"video/mp4\">", html, StringComparison.Ordinal);
        Assert.Equal($"http://localhost/{id}.jpg", PageMarkup.Meta(html, "og:image"));
        Assert.Equal($"http://localhost/{id}.mp4", PageMarkup.Meta(html, "og:video"));
    }

    [Theory]
    [InlineData("/gallery/NoSuch1")]
    [InlineData("/gallery/not-an-id!")]
    public async Task AnUnknownPost_IsThe404Page(string path)
    {
        using var browser = new BrowserSession(app);

        using var page = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task AMaturePost_IsThe404Page_UnlessTheVisitorAsksForMaturePosts()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("mature post", ("mature", "1"));
        using var browser = new BrowserSession(app);

        using var plain = await browser.GetAsync("/gallery/" + id);
        using var listed = await browser.GetAsync("/gallery?sort=new");
        var list = browser.LastPage!;
        using var asked = await browser.GetAsync($"/gallery/{id}?mature=true");

        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.DoesNotContain(id, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
    }

    [Fact]
    public async Task ASignedInVisitor_VotesAndComments_AndReplies_ByForm()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Vote on me");
        using var browser = new BrowserSession(app);
        var username = await browser.SignUpAsync();
        await browser.GetAsync("/gallery/" + id);

        using var voted = await browser.SubmitAsync($"/gallery/{id}?handler=Vote", ("vote", "up"));
        await browser.GetAsync("/gallery/" + id);
        var points = browser.Field("points");
        using var commented = await browser.SubmitAsync($"/gallery/{id}?handler=Comment", ("comment", "Lovely <b>boats</b>"));
        await browser.GetAsync("/gallery/" + id);
        var commentId = System.Text.RegularExpressions.Regex.Match(browser.LastPage!, "id=\"comment-(\\d+)\"").Groups[1].Value;
        using var replied = await browser.SubmitAsync($"/gallery/{id}?handler=Comment", ("comment", "Indeed"), ("parentId", commentId));
        using var api = await app.AnonymousClientAsync();
        using var votes = await api.GetAsync($"/3/gallery/{id}/votes");
        using var thread = await api.GetAsync($"/3/gallery/{id}/comments");
        await browser.GetAsync("/gallery/" + id);

        Assert.Equal(HttpStatusCode.Redirect, voted.StatusCode);
        Assert.Equal("1", points);
        Assert.Equal(1, (await Envelope.DataAsync(votes)).GetProperty("ups").GetInt32());
        Assert.Equal(HttpStatusCode.Redirect, commented.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        var top = (await Envelope.DataAsync(thread))[0];
        Assert.Equal("Lovely <b>boats</b>", top.GetProperty("comment").GetString());
        Assert.Equal(username, top.GetProperty("author").GetString());
        Assert.Equal("Indeed", top.GetProperty("children")[0].GetProperty("comment").GetString());
        Assert.Contains("Lovely &lt;b&gt;boats&lt;/b&gt;", browser.LastPage, StringComparison.Ordinal);
        Assert.Matches("<ol class=\"comments\">\\s*<li id=\"comment-\\d+\"", browser.LastPage!);
    }

    [Theory]
    [InlineData("", null, HttpStatusCode.BadRequest)]
    [InlineData("far too long", null, HttpStatusCode.BadRequest)]
    [InlineData("a reply to no comment", "abc", HttpStatusCode.BadRequest)]
    public async Task ARefusedComment_ShowsTheApisReason_AndStoresNothing(string comment, string? parentId, HttpStatusCode status)
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Comment on me");
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        await browser.GetAsync("/gallery/" + id);
        var text = comment == "far too long" ? new string('x', 141) : comment;

        (string, string)[] fields = parentId is null ? [("comment", text)] : [("comment", text), ("parentId", parentId)];

        using var refused = await browser.SubmitAsync($"/gallery/{id}?handler=Comment", fields);
        var html = browser.LastPage!;
        using var api = await app.AnonymousClientAsync();
        using var count = await api.GetAsync($"/3/gallery/{id}/comments/count");

        Assert.Equal(status, refused.StatusCode);
        Assert.Contains("id=\"error\"", html, StringComparison.Ordinal);
        Assert.Equal(0, (await Envelope.DataAsync(count)).GetInt32());
    }

    [Fact]
    public async Task AFormPostedToAPageWithoutThatHandler_Is405OrThe404Page_NeverThePageRenderedEmpty()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Handlers");
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();

        await browser.GetAsync("/gallery/" + id);
        using var toTheList = await browser.SubmitAsync("/gallery");
        var listAnswer = browser.LastPage!;
        await browser.GetAsync("/gallery/" + id);
        using var unknownHandler = await browser.SubmitAsync($"/gallery/{id}?handler=Nonsense");
        var unknownAnswer = browser.LastPage!;
        await browser.GetAsync("/account/uploads");
        using var unnamedHandler = await browser.SubmitAsync("/account/uploads");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, toTheList.StatusCode);
        Assert.Equal(["GET", "HEAD"], toTheList.Content.Headers.Allow);
        Assert.Equal("text/html", toTheList.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Not something this page does</h1>", listAnswer, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownHandler.StatusCode);
        Assert.Equal("text/html", unknownHandler.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Nothing here</h1>", unknownAnswer, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unnamedHandler.StatusCode);
    }

    [Fact]
    public async Task ABadVote_ShowsTheApisReason()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Bad vote");
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        await browser.GetAsync("/gallery/" + id);

        using var refused = await browser.SubmitAsync($"/gallery/{id}?handler=Vote", ("vote", "sideways"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"error\"", browser.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedOutVote_GoesToTheSignInPage_AndAFormWithoutItsToken_IsRefused()
    {
        var owner = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Signed out");
        using var visitor = new BrowserSession(app);
        // A signed-out visitor's page has no vote form; a form from before a session ended carries a signed-out token like this one.
        await visitor.GetAsync("/signin");
        using var member = new BrowserSession(app);
        await member.SignUpAsync();

        using var signedOut = await visitor.SubmitAsync($"/gallery/{id}?handler=Vote", ("vote", "up"));
        using var forged = await member.PostAsync($"/gallery/{id}?handler=Comment", ("comment", "no token"));
        using var api = await app.AnonymousClientAsync();
        using var votes = await api.GetAsync($"/3/gallery/{id}/votes");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/signin", signedOut.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, (await Envelope.DataAsync(votes)).GetProperty("ups").GetInt32());
    }
}
