using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// The image and album pages in real headless Chromium, under their Content-Security-Policy: every picture loads, and the
/// browser reports no console error, no script error and no policy violation (a blocked style or script is one).
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class ItemPagesBrowserTests
{
    [Fact]
    public async Task TheImageAndAlbumPages_ShowEveryPicture_WithoutAnErrorOrAPolicyViolation()
    {
        await using var site = await ChromiumSite.StartAsync();
        using var api = new HttpClient { BaseAddress = new Uri(site.Address) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Client-ID", await site.App.RegisterClientAsync());
        var still = await api.UploadAsync(TestImages.Jpeg(320, 240), ("title", "<script>alert(1)</script>"), ("description", "Two\nlines"));
        var animated = await api.UploadAsync(TestImages.AnimatedGif(), ("title", "Moving"));
        var (albumId, _) = await api.CreateAlbumAsync(
            ("deletehashes", $"{still.GetProperty("deletehash").GetString()},{animated.GetProperty("deletehash").GetString()}"), ("title", "Both"));
        var page = await site.NewPageAsync();

        foreach (var (path, screenshot) in new[] { ("/" + still.GetProperty("id").GetString(), "image-page"), ("/" + animated.GetProperty("id").GetString(), null),
            ("/a/" + albumId, "album-page") })
        {
            var response = await page.GotoAsync(site.Address + path);
            Assert.Equal(200, response!.Status);
            await ChromiumSite.ExpectPicturesLoadedAsync(page);
            await site.AuditAccessibilityAsync(page);
            if (screenshot is not null)
            {
                await ChromiumSite.ScreenshotAsync(page, screenshot);
            }
        }

        await page.GotoAsync(site.Address + "/" + still.GetProperty("id").GetString());
        Assert.Equal("<script>alert(1)</script>", await page.Locator("h1").TextContentAsync());
        site.AssertNoProblems();
    }
}
