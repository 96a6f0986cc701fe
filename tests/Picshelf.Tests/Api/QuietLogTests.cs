using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Api;

/// <summary>
/// Normal use writes no warning an operator cannot act on: not for an upload refused before its body was read, not for
/// the pages a signed-in reader opens (their forms carry antiforgery tokens), not for the keys that sign cookies, not for
/// the files a deleted image never had (thumbnails never asked for, renditions of another kind).
/// </summary>
public sealed class QuietLogTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task RefusedUploadsSignedInPagesAndDeletions_LogNoWarning()
    {
        var client = await app.AnonymousClientAsync();
        var imageId = (await client.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        using (await client.PostAsync("/3/image", Forms.Form([("image", "http://127.0.0.1:1/x.png"), ("type", "url")])))
        {
        }
        using (await client.PostAsync("/3/image", Forms.Form([("image", "not base64 at all!"), ("type", "base64")])))
        {
        }
        var deleted = await client.UploadAsync(TestImages.Jpeg());
        using (await client.GetAsync($"/{deleted.GetProperty("id").GetString()}m.jpg"))
        {
        }
        using (var deletion = await client.DeleteAsync($"/3/image/{deleted.GetProperty("deletehash").GetString()}"))
        {
            Assert.True((await Envelope.DataAsync(deletion)).GetBoolean());
        }
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        foreach (var path in new[] { "/", "/" + imageId, "/upload", "/settings", "/gallery" })
        {
            using (await browser.GetAsync(path))
            {
            }
        }

        // The one warning expected says what to do: register an application (OAuth/FirstStartHint).
        var unexpected = app.Logs.Lines.Where(line => (line.StartsWith("Warning ", StringComparison.Ordinal) || line.StartsWith("Error ", StringComparison.Ordinal))
            && !line.Contains("FirstStartHint", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join('\n', unexpected));
    }
}
