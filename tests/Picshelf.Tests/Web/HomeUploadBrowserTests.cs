using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Picshelf.OAuth;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// The home upload page in real headless Chromium under its Content-Security-Policy: files dropped, pasted or chosen
/// with the keyboard go up through the API, several become an album, every link format copies, a file that is not an
/// image gets the API's message while the others go on. Each ends with no console error, script error or policy violation.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class HomeUploadBrowserTests
{
    private sealed record Upload(string Name, string Type, byte[] Bytes);

    private static readonly string[] ImageFormats = ["Direct link", "Page link", "Markdown", "BBCode", "HTML"];

    private static object[] Payload(IEnumerable<Upload> files) =>
        [.. files.Select(f => new { name = f.Name, type = f.Type, data = Convert.ToBase64String(f.Bytes) })];

    /// <summary>Files as a person drags them onto the zone: a DataTransfer through dragenter, dragover and drop.</summary>
    private static async Task DropAsync(IPage page, params Upload[] files) => await page.EvaluateAsync("""
        files => {
          const transfer = new DataTransfer();
          for (const f of files) transfer.items.add(new File([Uint8Array.from(atob(f.data), c => c.charCodeAt(0))], f.name, { type: f.type }));
          const zone = document.getElementById('drop-zone');
          for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        }
        """, Payload(files));

    private static Upload Png(string name, int width) => new(name, "image/png", TestImages.Png(width, 30));

    /// <summary>The read-only fields holding a link format (its copy button is labelled after it too).</summary>
    private static ILocator Field(IPage page, string format) => page.GetByRole(AriaRole.Textbox, new() { Name = format, Exact = true });

    /// <summary>The id in each upload's page link, in the order of the list.</summary>
    private static async Task<List<string>> UploadedIdsAsync(IPage page) =>
        [.. (await Field(page, "Page link").EvaluateAllAsync<string[]>("fields => fields.map(f => f.value)")).Select(link => link.Split('/')[^1])];

    [Fact]
    public async Task ThreeDroppedFiles_BecomeAnAlbumWhosePageListsThemInOrder_WithDeletionLinksShownOnce()
    {
        await using var site = await ChromiumSite.StartAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Address + "/");

        await DropAsync(page, Png("first.png", 31), Png("second.png", 32), Png("third.png", 33));
        var albumLink = Field(page, "Album page link");
        await Assertions.Expect(albumLink).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/a/[A-Za-z0-9]+$"));
        var ids = await UploadedIdsAsync(page);
        await Assertions.Expect(page.GetByText("keep this: it is the only way to delete")).ToHaveCountAsync(4);
        await ChromiumSite.ExpectPicturesLoadedAsync(page);
        await site.AuditAccessibilityAsync(page);
        await ChromiumSite.ScreenshotAsync(page, "home-album");

        Assert.Equal(3, ids.Count);
        await page.GotoAsync(await albumLink.InputValueAsync());
        var html = await page.ContentAsync();
        var positions = ids.Select(id => html.IndexOf($"/{id}", StringComparison.Ordinal)).ToList();
        Assert.All(positions, position => Assert.True(position >= 0));
        Assert.Equal(positions.Order(), positions);
        site.AssertNoProblems();
    }

    [Fact]
    public async Task APastedImage_Uploads_AndEveryLinkFormatCopies()
    {
        await using var site = await ChromiumSite.StartAsync();
        var page = await site.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, Permissions = ["clipboard-read", "clipboard-write"] });
        await page.GotoAsync(site.Address + "/");

        await page.EvaluateAsync("""
            files => {
              const transfer = new DataTransfer();
              for (const f of files) transfer.items.add(new File([Uint8Array.from(atob(f.data), c => c.charCodeAt(0))], f.name, { type: f.type }));
              document.body.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }));
            }
            """, Payload([Png("pasted.png", 40)]));
        await Assertions.Expect(Field(page, "Direct link")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\.png$"));
        var direct = await Field(page, "Direct link").InputValueAsync();

        foreach (var format in ImageFormats)
        {
            var value = await Field(page, format).InputValueAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Copy " + format, Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy " + format, Exact = true })).ToHaveTextAsync("Copied");
            Assert.Equal(value, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
            Assert.Contains(format == "Page link" ? direct[..direct.LastIndexOf('.')] : direct, value, StringComparison.Ordinal);
        }
        site.AssertNoProblems();
    }

    [Fact]
    public async Task AFileThatIsNoImage_GetsTheApisMessage_OneOverTheLimitIsStoppedBeforeUploading_AndTheOthersGoUp()
    {
        // Small enough that a 200-pixel noise PNG is over it, large enough for the 30-pixel ones.
        await using var site = await ChromiumSite.StartAsync(app => app.With("Uploads:MaxImageBytes", "8000"));
        var notAnImage = new Upload("notes.png", "image/png", "just some words, not a picture"u8.ToArray());
        var tooLarge = new Upload("large.png", "image/png", TestImages.Png(200, 200));
        using var api = new HttpClient { BaseAddress = new Uri(site.Address) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Client-ID", await site.App.RegisterClientAsync());
        using var refused = await api.PostAsync("/3/image", Uploads.Multipart(notAnImage.Bytes, notAnImage.Name));
        var message = (await Envelope.DataAsync(refused, 415)).GetProperty("error").GetProperty("message").GetString()!;
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Address + "/");

        await DropAsync(page, Png("before.png", 31), notAnImage, tooLarge, Png("after.png", 33));
        await Assertions.Expect(Field(page, "Album page link")).ToHaveCountAsync(1);

        await Assertions.Expect(page.Locator("#upload-list li").Nth(1).Locator(".status.error")).ToHaveTextAsync(message);
        await Assertions.Expect(page.Locator("#upload-list li").Nth(2).Locator(".status.error")).ToHaveTextAsync("File is over the size limit");
        Assert.Equal(2, (await UploadedIdsAsync(page)).Count);
        Assert.Equal(2, await site.App.WithDbAsync(db => db.Images.CountAsync(i => i.ClientId == SiteApplication.ClientId)));
        // The refusal is the API's answer, and Chromium logs every 4xx it receives, which is no fault of the page. No 413 is
        // forgiven: the file over the limit must never have been sent.
        site.Problems.RemoveAll(problem => problem.Contains("status of 415", StringComparison.Ordinal));
        site.AssertNoProblems();
    }

    [Fact]
    public async Task WhenTheAddressMayPostNoMore_TheApis429MessageShows_AndNoAlbumIsMade()
    {
        await using var site = await ChromiumSite.StartAsync(app => app.With("RateLimits:PostsPerHour", "1"));
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Address + "/");

        var refusal = await page.RunAndWaitForResponseAsync(() => DropAsync(page, Png("allowed.png", 31), Png("refused.png", 32)),
            response => response.Status == 429);
        var error = System.Text.Json.JsonDocument.Parse(await refusal.TextAsync()).RootElement.GetProperty("data").GetProperty("error");
        var message = error.ValueKind == System.Text.Json.JsonValueKind.String ? error.GetString()! : error.GetProperty("message").GetString()!;

        await Assertions.Expect(page.Locator("#upload-list li").Nth(1).Locator(".status.error")).ToHaveTextAsync(message);
        Assert.Single(await UploadedIdsAsync(page));
        await Assertions.Expect(Field(page, "Album page link")).ToHaveCountAsync(0);
        site.Problems.RemoveAll(problem => problem.Contains("status of 429", StringComparison.Ordinal));
        site.AssertNoProblems();
    }

    [Fact]
    public async Task SignedIn_AFileChosenWithTheKeyboard_GoesToTheAccount_AndShowsOnMyUploads()
    {
        await using var site = await ChromiumSite.StartAsync();
        var owner = await site.App.SignedInClientAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Address + "/signin?ReturnUrl=%2F");
        await page.GetByLabel("Username").FillAsync(owner.Username);
        await page.GetByLabel("Password").FillAsync("correct horse battery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ChromiumSite.ExpectAddressAsync(page, site.Address + "/");

        // Signing in lands on the page before its deferred script has run; the zone shows once the script has wired it.
        var zone = page.Locator("#drop-zone");
        await Assertions.Expect(zone).ToBeVisibleAsync();
        await zone.FocusAsync();
        // Once in a clean-clone CI run (2026-12-05) Chromium opened no chooser for the first Enter within 120 s, and never
        // here; a second press is what a person would do, so the test presses again rather than fail on a lost key.
        IFileChooser? chooser = null;
        for (var attempt = 0; chooser is null; attempt++)
        {
            try
            {
                chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Enter"), new() { Timeout = 15_000 });
            }
            catch (TimeoutException) when (attempt < 2)
            {
                await zone.FocusAsync();
            }
        }
        await chooser.SetFilesAsync(new FilePayload { Name = "mine.png", MimeType = "image/png", Buffer = TestImages.Png(44, 30) });
        await Assertions.Expect(Field(page, "Page link")).ToHaveCountAsync(1);
        var id = (await UploadedIdsAsync(page)).Single();
        await Assertions.Expect(page.GetByText("keep this: it is the only way to delete")).ToHaveCountAsync(0);
        await page.GotoAsync(site.Address + "/account/uploads");

        await Assertions.Expect(page.Locator($"#title-{id}")).ToHaveCountAsync(1);
        site.AssertNoProblems();
    }
}
