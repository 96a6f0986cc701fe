using Microsoft.Playwright;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// The gallery in real headless Chromium, under its Content-Security-Policy: a signed-in reader opens the gallery, a post,
/// votes on it and comments with plain forms, and the browser reports no console error, no script error and no policy violation.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class GalleryPagesBrowserTests
{
    [Fact]
    public async Task ASignedInReader_OpensThePost_VotesAndComments_WithoutAnErrorOrAPolicyViolation()
    {
        await using var site = await ChromiumSite.StartAsync();
        var owner = await site.App.SignedInClientAsync();
        var id = await owner.Http.ShareNewImageAsync("<b>Harbour</b> at dusk", ("tags", "harbour"));
        var reader = await site.App.SignedInClientAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Address + "/signin?ReturnUrl=%2Fgallery%3Fsort%3Dnew");
        await page.GetByLabel("Username").FillAsync(reader.Username);
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ChromiumSite.ExpectAddressAsync(page, site.Address + "/gallery?sort=new");
        await ChromiumSite.ExpectPicturesLoadedAsync(page);
        await site.AuditAccessibilityAsync(page);

        await page.Locator($"a[href='/gallery/{id}']").ClickAsync();
        await ChromiumSite.ExpectAddressAsync(page, site.Address + "/gallery/" + id);
        await ChromiumSite.ExpectPicturesLoadedAsync(page);
        Assert.Equal("<b>Harbour</b> at dusk", await page.Locator("h1").TextContentAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Upvote" }).ClickAsync();
        await ChromiumSite.ExpectAddressAsync(page, site.Address + "/gallery/" + id);
        Assert.Equal("1", await page.Locator("#points").TextContentAsync());
        await page.GetByLabel("Your comment").FillAsync("Lovely light");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post the comment" }).ClickAsync();
        await ChromiumSite.ExpectAddressAsync(page, site.Address + "/gallery/" + id);
        Assert.Equal("Lovely light", await page.Locator("#comments .comment-text").First.TextContentAsync());
        await site.AuditAccessibilityAsync(page);
        site.AssertNoProblems();
    }
}
