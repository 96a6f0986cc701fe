using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
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
        await using var app = new PicshelfApp().With("urls", "http://127.0.0.1:0");
        app.UseKestrel();
        app.StartServer();
        var site = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var api = new HttpClient { BaseAddress = new Uri(site) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Client-ID", await app.RegisterClientAsync());
        var still = await api.UploadAsync(TestImages.Jpeg(320, 240), ("title", "<script>alert(1)</script>"), ("description", "Two\nlines"));
        var animated = await api.UploadAsync(TestImages.AnimatedGif(), ("title", "Moving"));
        var (albumId, _) = await api.CreateAlbumAsync(
            ("deletehashes", $"{still.GetProperty("deletehash").GetString()},{animated.GetProperty("deletehash").GetString()}"), ("title", "Both"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFlowTests.Chromium(), Headless = true, Args = BrowserFlowTests.ChromiumArguments,
            Timeout = (float)BrowserFlowTests.BrowserTimeout.TotalMilliseconds,
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout((float)BrowserFlowTests.BrowserTimeout.TotalMilliseconds);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"{page.Url}: console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"{page.Url}: script error: {error}");
        page.Dialog += (_, dialog) => problems.Add($"{page.Url}: a script opened a dialog: {dialog.Message}");
        // Chromium logs a violation to the console; this also catches one it might not (the event is the standard's).
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");

        foreach (var path in new[] { "/" + still.GetProperty("id").GetString(), "/" + animated.GetProperty("id").GetString(), "/a/" + albumId })
        {
            var response = await page.GotoAsync(site + path);
            Assert.Equal(200, response!.Status);
            var pictures = page.Locator("img");
            for (var i = 0; i < await pictures.CountAsync(); i++)
            {
                // The album's pictures load lazily: each is brought into view, as a reader scrolling would.
                await pictures.Nth(i).ScrollIntoViewIfNeededAsync();
            }
            await page.WaitForFunctionAsync("() => [...document.images].every(image => image.complete && image.naturalWidth > 0)");
        }

        await page.GotoAsync(site + "/" + still.GetProperty("id").GetString());
        Assert.Equal("<script>alert(1)</script>", await page.Locator("h1").TextContentAsync());
        Assert.Empty(problems);
    }
}
