using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// The <c>.sxcu</c> a signed-in user downloads from <c>/account/settings/sharex</c> is a ShareX custom uploader that works
/// as ShareX would use it, against this instance, as the chosen application, and only that user's; <c>/tools</c> shows
/// this instance's address in its commands.
/// </summary>
public sealed class ShareXUploaderTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private static async Task<HttpResponseMessage> DownloadAsync(BrowserSession browser, string clientId)
    {
        await browser.GetAsync("/account/settings/sharex");
        return await browser.SubmitAsync("/account/settings/sharex", ("clientId", clientId));
    }

    /// <summary>What ShareX does with <c>{json:a.b}</c>: the value at that path of the answer.</summary>
    /// <summary>The request ShareX makes from the uploader for a PNG screenshot, sent to <paramref name="address"/>.</summary>
    internal static HttpRequestMessage UploadRequest(JsonElement sxcu, string address)
    {
        var request = new HttpRequestMessage(new HttpMethod(sxcu.GetProperty("RequestMethod").GetString()!), address);
        foreach (var header in sxcu.GetProperty("Headers").EnumerateObject())
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
        }
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Png());
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, sxcu.GetProperty("FileFormName").GetString()!, "screenshot.png");
        request.Content = form;
        return request;
    }

    private static string Resolve(string template, JsonElement answer) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{json:([^}]+)\}",
            match => match.Groups[1].Value.Split('.').Aggregate(answer, (element, name) => element.GetProperty(name)).GetString()!);

    [Fact]
    public async Task TheDownloadedUploader_UploadsAsTheApplication_AndItsUrlsResolveFromTheAnswer()
    {
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync();
        var (clientId, _) = await browser.RegisterApplicationAsync(null, "ShareX");

        using var download = await DownloadAsync(browser, clientId);
        using var uploader = JsonDocument.Parse(browser.LastPage!);
        var sxcu = uploader.RootElement;

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Picshelf-localhost.sxcu", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("ImageUploader", sxcu.GetProperty("DestinationType").GetString());
        Assert.Equal("MultipartFormData", sxcu.GetProperty("Body").GetString());

        using var client = app.CreateClient();
        using var request = UploadRequest(sxcu, new Uri(sxcu.GetProperty("RequestURL").GetString()!).PathAndQuery);
        using var uploaded = await client.SendAsync(request);
        var answer = await Envelope.ReadAsync(uploaded);

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal("http://localhost/3/image", sxcu.GetProperty("RequestURL").GetString());
        Assert.Equal($"Client-ID {clientId}", sxcu.GetProperty("Headers").GetProperty("Authorization").GetString());
        var link = new Uri(Resolve(sxcu.GetProperty("URL").GetString()!, answer));
        using var image = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);

        // ShareX opens the deletion link in a browser: its page, and the form it posts, delete this upload.
        var deletion = new Uri(Resolve(sxcu.GetProperty("DeletionURL").GetString()!, answer));
        using var stranger = new BrowserSession(app);
        using var confirm = await stranger.GetAsync(deletion.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        using var deleted = await stranger.SubmitAsync(deletion.PathAndQuery);
        Assert.True(deleted.IsSuccessStatusCode || deleted.StatusCode == HttpStatusCode.Redirect, $"deleting answered {(int)deleted.StatusCode}");
        using var gone = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task AnotherUsersApplication_Is404_AndNoUploaderIsGiven()
    {
        using var owner = new BrowserSession(app);
        await owner.SignUpAsync();
        var (clientId, _) = await owner.RegisterApplicationAsync(null, "Not yours");
        using var stranger = new BrowserSession(app);
        await stranger.SignUpAsync();

        using var download = await DownloadAsync(stranger, clientId);

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal("text/html", download.Content.Headers.ContentType?.MediaType);
        Assert.Null(download.Content.Headers.ContentDisposition);
        Assert.Contains("You have no application with that client_id.", stranger.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAPublicBaseUrl_TheUploaderAndTheToolsPage_UseIt_NotTheRequestsHost()
    {
        await using var configured = new PicshelfApp().With("Web:PublicBaseUrl", "https://img.example.com/");
        using var browser = new BrowserSession(configured);
        await browser.SignUpAsync();
        var (clientId, _) = await browser.RegisterApplicationAsync(null);

        using var download = await DownloadAsync(browser, clientId);
        using var sxcu = JsonDocument.Parse(browser.LastPage!);
        using var tools = await browser.GetAsync("/tools");

        Assert.Equal("Picshelf-img.example.com.sxcu", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("https://img.example.com/3/image", sxcu.RootElement.GetProperty("RequestURL").GetString());
        Assert.Equal("https://img.example.com/delete/{json:data.deletehash}", sxcu.RootElement.GetProperty("DeletionURL").GetString());
        Assert.Equal(HttpStatusCode.OK, tools.StatusCode);
        Assert.Contains("-F \"image=@photo.jpg\" https://img.example.com/3/image</code></pre>", browser.LastPage, StringComparison.Ordinal);
        Assert.DoesNotContain("http://localhost", browser.LastPage, StringComparison.Ordinal);
    }
}
