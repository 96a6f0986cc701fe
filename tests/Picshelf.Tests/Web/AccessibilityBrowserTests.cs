using System.Net.Http.Headers;
using Microsoft.Playwright;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// Every page of the site, signed out and signed in, in real Chromium: it passes axe-core's WCAG 2.1 A/AA rules (labels,
/// names, alt text, colour contrast), raises no console error or policy violation, and fits a phone's screen (375 CSS
/// pixels wide) without scrolling sideways. Pages that are errors by design (a 404, a refused consent) are audited too.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class AccessibilityBrowserTests
{
    private static readonly string[] SignedOutPages =
        ["/signin", "/signup", "/tools", "/account/verifyemail?token=not-a-token", "/oauth2/authorize?client_id=nosuchclient&response_type=token", "/"];

    private static readonly string[] SignedInPages =
        ["/account/uploads", "/account/uploads/albums", "/account/settings/password", "/account/settings/sharex", "/account/settings/apps", "/oauth2/addclient", "/signout", "/account/settings", "/"];

    [Fact]
    public async Task EveryPage_PassesTheAudit_AndFitsAPhone()
    {
        await using var site = await ChromiumSite.StartAsync();
        var owner = await site.App.SignedInClientAsync();
        using var api = new HttpClient { BaseAddress = new Uri(site.Address) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", owner.Token.AccessToken);
        var image = await api.UploadAsync(TestImages.Jpeg(1600, 1200), ("title", "A long title that a phone has to wrap somewhere sensible"),
            ("description", "A description with a https://example.com/a/very/long/link/that/does/not/break/by/itself/at/all/anywhere"));
        var (albumId, albumHash) = await api.CreateAlbumAsync(("ids", image.GetProperty("id").GetString()!), ("title", "Album"));
        var post = await api.ShareNewImageAsync("A post with a long title that a phone has to wrap somewhere sensible", ("tags", "boats"));
        using (var comment = await api.PostAsync("/3/comment", Forms.Form(("image_id", post), ("comment", "A comment on the post"))))
        {
            Assert.True(comment.IsSuccessStatusCode);
        }
        string[] itemPages = ["/" + image.GetProperty("id").GetString(), "/a/" + albumId, "/delete/" + albumHash,
            "/gallery", "/gallery?sort=top&window=all", "/gallery/" + post, "/t/boats", "/gallery/search?q=long", "/user/" + owner.Username,
            $"/user/{owner.Username}/posts"];

        var desktop = await site.NewPageAsync();
        var phone = await site.NewPageAsync(new() { ViewportSize = new() { Width = 375, Height = 667 }, IsMobile = true, HasTouch = true });
        await CheckAsync(site, [desktop, phone], SignedOutPages.Concat(itemPages).Append("/no/such/page"));

        foreach (var page in new[] { desktop, phone })
        {
            await page.GotoAsync(site.Address + "/signin?ReturnUrl=%2Faccount%2Fuploads");
            await page.GetByLabel("Username").FillAsync(owner.Username);
            await page.GetByLabel("Password").FillAsync("correct horse battery");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await ChromiumSite.ExpectAddressAsync(page, site.Address + "/account/uploads");
        }
        await CheckAsync(site, [desktop, phone], SignedInPages.Concat(itemPages));
    }

    private static async Task CheckAsync(ChromiumSite site, IPage[] pages, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            foreach (var page in pages)
            {
                var response = await page.GotoAsync(site.Address + path);
                await ChromiumSite.ExpectPicturesLoadedAsync(page);
                // An error page's own status is the one console error a browser logs for it by design.
                var ownStatus = $"{page.Url}: console error: Failed to load resource: the server responded with a status of {response!.Status} ";
                site.Problems.RemoveAll(problem => response.Status >= 400 && problem.StartsWith(ownStatus, StringComparison.Ordinal));
                await site.AuditAccessibilityAsync(page);
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                if (overflow > 0)
                {
                    site.Problems.Add($"{page.Url} at {page.ViewportSize!.Width} px: {overflow} px wider than the screen");
                }
            }
        }
        site.AssertNoProblems();
    }
}
