using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>A post hidden by reports is the 404 page, for its owner too, and leaves the gallery's lists as it leaves the API's.</summary>
public sealed class GalleryHiddenPostPageTests : IAsyncLifetime
{
    private readonly PicshelfApp app = new PicshelfApp().With("Gallery:ReportsToHide", "1");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AHiddenPost_IsThe404Page_AndLeavesTheList()
    {
        var owner = await app.SignedInClientAsync();
        var reporter = await app.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("Reported post");
        using (await reporter.Http.PostAsync($"/3/gallery/{id}/report", Forms.Form(("reason", "2"))))
        {
        }
        using var browser = new BrowserSession(app);

        using var post = await browser.GetAsync("/gallery/" + id);
        using var list = await browser.GetAsync("/gallery?sort=new");

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain(id, browser.LastPage, StringComparison.Ordinal);
    }
}
