using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Playwright;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// What people do with their images in a browser, in real headless Chromium under the pages' Content-Security-Policy:
/// delete through the link a tool handed out, sign in and edit their uploads, download a ShareX uploader. Each ends
/// with no console error, script error or policy violation.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class SiteFlowsBrowserTests
{
    [Fact]
    public async Task TheDeletionLink_AsksFirst_AndDeletesOnlyWhenConfirmed()
    {
        await using var site = await ChromiumSite.StartAsync();
        using var api = new HttpClient { BaseAddress = new Uri(site.Address) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Client-ID", await site.App.RegisterClientAsync());
        var image = await api.UploadAsync(TestImages.Jpeg(320, 240), ("title", "Holiday"));
        var id = image.GetProperty("id").GetString();
        var page = await site.NewPageAsync();

        await page.GotoAsync($"{site.Address}/delete/{image.GetProperty("deletehash").GetString()}");
        await ChromiumSite.ExpectPicturesLoadedAsync(page);
        await site.AuditAccessibilityAsync(page);
        await ChromiumSite.ScreenshotAsync(page, "delete-confirm");
        using (var stillThere = await api.GetAsync($"/3/image/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete the image" }).ClickAsync();
        await Assertions.Expect(page.Locator("#deleted")).ToContainTextAsync("Holiday");

        using var gone = await api.GetAsync($"/3/image/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        site.AssertNoProblems();
        var spent = await page.GotoAsync($"{site.Address}/delete/{image.GetProperty("deletehash").GetString()}");
        Assert.Equal(404, spent!.Status);
    }

    [Fact]
    public async Task SignedIn_MyUploads_RetitlesAnImage_AndDeletesAnother()
    {
        await using var site = await ChromiumSite.StartAsync();
        var owner = await site.App.SignedInClientAsync();
        using var api = new HttpClient { BaseAddress = new Uri(site.Address) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", owner.Token.AccessToken);
        var kept = (await api.UploadAsync(TestImages.Jpeg(320, 240), ("title", "Before"))).GetProperty("id").GetString()!;
        var removed = (await api.UploadAsync(TestImages.Png(), ("title", "Unwanted"))).GetProperty("id").GetString()!;
        var page = await site.NewPageAsync();

        await page.GotoAsync(site.Address + "/account/uploads");
        await ChromiumSite.ExpectAddressAsync(page, site.Address + "/signin?ReturnUrl=%2Faccount%2Fuploads");
        await page.GetByLabel("Username").FillAsync(owner.Username);
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ChromiumSite.ExpectAddressAsync(page, site.Address + "/account/uploads");
        await ChromiumSite.ExpectPicturesLoadedAsync(page);
        await site.AuditAccessibilityAsync(page);
        await ChromiumSite.ScreenshotAsync(page, "my-uploads");

        await page.Locator($"#title-{kept}").FillAsync("After, with <b>markup</b>");
        await page.Locator($"#title-{kept}").PressAsync("Enter");
        await Assertions.Expect(page.Locator($"#title-{kept}")).ToHaveValueAsync("After, with <b>markup</b>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Unwanted" }).ClickAsync();
        await Assertions.Expect(page.Locator($"#title-{removed}")).ToHaveCountAsync(0);

        Assert.Equal("After, with <b>markup</b>", (await Envelope.DataAsync(await api.GetAsync($"/3/image/{kept}"))).GetProperty("title").GetString());
        using var deleted = await api.GetAsync($"/3/image/{removed}");
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        site.AssertNoProblems();
    }

    [Fact]
    public async Task SignedIn_MyUploads_MakesAnAlbumOfTickedImages_ThenEditsAndDeletesItOnTheAlbumsTab()
    {
        await using var site = await ChromiumSite.StartAsync();
        var owner = await site.App.SignedInClientAsync();
        using var api = new HttpClient { BaseAddress = new Uri(site.Address) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", owner.Token.AccessToken);
        var first = (await api.UploadAsync(TestImages.Jpeg(320, 240), ("title", "Boats"))).GetProperty("id").GetString()!;
        var second = (await api.UploadAsync(TestImages.Png(), ("title", "Harbour"))).GetProperty("id").GetString()!;
        var left = (await api.UploadAsync(TestImages.Png(), ("title", "Left out"))).GetProperty("id").GetString()!;
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Address + "/signin?ReturnUrl=%2Faccount%2Fuploads");
        await page.GetByLabel("Username").FillAsync(owner.Username);
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ChromiumSite.ExpectAddressAsync(page, site.Address + "/account/uploads");

        await page.Locator($"#description-{second}").FillAsync("Evening, from the pier");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the title and description of Harbour" }).ClickAsync();
        await Assertions.Expect(page.Locator($"#description-{second}")).ToHaveValueAsync("Evening, from the pier");
        var grid = await page.Locator("input[name=ids]").EvaluateAllAsync<string[]>("boxes => boxes.map(box => box.value)");
        await page.GetByLabel("Select Boats").CheckAsync();
        await page.GetByLabel("Select Harbour").CheckAsync();
        await page.GetByLabel("Album title").FillAsync("A day at sea");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make an album of the selected images" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("A day at sea");
        var albumId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        await page.GotoAsync(site.Address + "/account/uploads/albums");
        await ChromiumSite.ExpectPicturesLoadedAsync(page);
        await site.AuditAccessibilityAsync(page);
        await ChromiumSite.ScreenshotAsync(page, "my-albums");
        await page.Locator($"#title-{albumId}").FillAsync("Two days at sea");
        await page.Locator($"#privacy-{albumId}").SelectOptionAsync("secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the details of A day at sea" }).ClickAsync();
        await Assertions.Expect(page.Locator($"#title-{albumId}")).ToHaveValueAsync("Two days at sea");
        var album = await Envelope.DataAsync(await api.GetAsync($"/3/album/{albumId}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete album Two days at sea (its images stay)" }).ClickAsync();
        await Assertions.Expect(page.Locator($"#title-{albumId}")).ToHaveCountAsync(0);

        Assert.Equal("Two days at sea", album.GetProperty("title").GetString());
        Assert.Equal("secret", album.GetProperty("privacy").GetString());
        // In the grid's order, as the browser posts ticked boxes.
        Assert.Equal(grid.Where(id => id == first || id == second), album.GetProperty("images").EnumerateArray().Select(image => image.GetProperty("id").GetString()!));
        Assert.Equal("Evening, from the pier",
            (await Envelope.DataAsync(await api.GetAsync($"/3/image/{second}"))).GetProperty("description").GetString());
        using var gone = await api.GetAsync($"/3/album/{albumId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        foreach (var image in new[] { first, second, left })
        {
            using var stays = await api.GetAsync($"/3/image/{image}");
            Assert.Equal(HttpStatusCode.OK, stays.StatusCode);
        }
        site.AssertNoProblems();
    }

    [Fact]
    public async Task TheShareXPage_DownloadsAnUploader_WhoseRequestUploadsToThisSite()
    {
        await using var site = await ChromiumSite.StartAsync();
        var owner = await site.App.SignedInClientAsync();
        var page = await site.NewPageAsync(new() { AcceptDownloads = true });
        await page.GotoAsync(site.Address + "/signin?ReturnUrl=%2Faccount%2Fsettings%2Fsharex");
        await page.GetByLabel("Username").FillAsync(owner.Username);
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ChromiumSite.ExpectAddressAsync(page, site.Address + "/account/settings/sharex");
        await page.GetByRole(AriaRole.Link, new() { Name = "Register one" }).ClickAsync();
        await page.GetByLabel("Application name").FillAsync("ShareX");
        await page.GetByLabel("Without a callback URL").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await page.GotoAsync(site.Address + "/account/settings/sharex");
        await site.AuditAccessibilityAsync(page);
        await ChromiumSite.ScreenshotAsync(page, "sharex");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the .sxcu file" }).ClickAsync());
        Assert.EndsWith(".sxcu", download.SuggestedFilename, StringComparison.Ordinal);
        using var uploader = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));
        var sxcu = uploader.RootElement;
        Assert.Equal(site.Address + "/3/image", sxcu.GetProperty("RequestURL").GetString());

        using var http = new HttpClient();
        using var request = ShareXUploaderTests.UploadRequest(sxcu, sxcu.GetProperty("RequestURL").GetString()!);
        using var uploaded = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        site.AssertNoProblems();
    }
}
