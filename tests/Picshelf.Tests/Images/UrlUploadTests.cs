using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Images;

public sealed class UrlUploadTests(UrlUploadTests.UrlApp app, LocalImageServer remote)
    : IClassFixture<UrlUploadTests.UrlApp>, IClassFixture<LocalImageServer>
{
    public sealed class UrlApp : PicshelfApp
    {
        public UrlApp()
        {
            With("Uploads:UrlAllowList:0", "127.0.0.2");
            With("Uploads:UrlTimeout", "00:00:01");
            With("Uploads:MaxImageBytes", "1048576");
        }
    }

    [Theory]
    [InlineData("URL")]
    [InlineData("url")]
    [InlineData(null)]
    public async Task Upload_ByUrl_FetchesTheImage(string? type)
    {
        var client = await app.AnonymousClientAsync();
        List<KeyValuePair<string, string>> fields = [new("image", remote.AllowedBase + "/image.png")];
        if (type is not null)
        {
            fields.Add(new("type", type));
        }
        var image = await Envelope.DataAsync(await client.PostAsync("/3/image", new FormUrlEncodedContent(fields)));
        Assert.Equal(21, image.GetProperty("width").GetInt32());
        Assert.Equal("image/png", image.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Upload_ByUrl_FollowsARedirect()
    {
        var client = await app.AnonymousClientAsync();
        await Envelope.DataAsync(await client.PostAsync("/3/image", new FormUrlEncodedContent([new("image", remote.AllowedBase + "/redirect-ok")])));
    }

    [Theory]
    [InlineData("/missing")]
    [InlineData("/slow")]
    [InlineData("/huge")]
    [InlineData("/redirect-to-loopback")]
    [InlineData("/redirect-forever")]
    [InlineData("/cut-short")]
    [InlineData("/redirect-invalid")]
    public async Task Upload_ByBadUrl_Returns400AndStoresNothing(string path)
    {
        await AssertRefusedAsync(remote.AllowedBase + path);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/image.png")]
    [InlineData("http://localhost:1/image.png")]
    [InlineData("http://[::1]:1/image.png")]
    [InlineData("http://10.0.0.1/image.png")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://0.0.0.0/image.png")]
    [InlineData("ftp://example.com/image.png")]
    [InlineData("file:///etc/passwd")]
    public async Task Upload_ByUrlToForbiddenAddress_Returns400(string url)
    {
        await AssertRefusedAsync(url);
    }

    [Fact]
    public async Task Upload_ByUrl_ErrorsDoNotRevealNetworkDetails()
    {
        var client = await app.AnonymousClientAsync();
        using var response = await client.PostAsync("/3/image", new FormUrlEncodedContent([new("image", "http://127.0.0.2:1/image.png")]));
        Assert.Equal("Could not fetch the URL", await Envelope.ErrorAsync(response, 400));
    }

    [Fact]
    public async Task Upload_ByUrlToLoopbackServerThatIsNotAllowed_Returns400()
    {
        await AssertRefusedAsync(remote.LoopbackBase + "/image.png");
    }

    private async Task AssertRefusedAsync(string url)
    {
        var client = await app.AnonymousClientAsync();
        var rowsBefore = await app.WithDbAsync(db => db.Images.CountAsync());
        var filesBefore = (await app.StoredFilesAsync()).Count;
        using var response = await client.PostAsync("/3/image", new FormUrlEncodedContent([new("image", url), new("type", "url")]));
        await Envelope.ErrorAsync(response, 400);
        Assert.Equal(rowsBefore, await app.WithDbAsync(db => db.Images.CountAsync()));
        Assert.Equal(filesBefore, (await app.StoredFilesAsync()).Count);
    }
}
