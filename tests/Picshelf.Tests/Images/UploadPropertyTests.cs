using System.Net;
using System.Text.Json;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using NetVips;
using Picshelf.Tests.Infrastructure;
using Xunit.Abstractions;
using VipsImage = NetVips.Image;

namespace Picshelf.Tests.Images;

/// <summary>
/// Random damage to valid images and random bodies, sent through the whole upload path: whatever arrives, the answer
/// is never a 500 and logs no error, a refused upload leaves no row and no file, and a stored image decodes.
/// </summary>
public sealed class UploadPropertyTests(UploadPropertyTests.UnlimitedApp app, ITestOutputHelper output) : IClassFixture<UploadPropertyTests.UnlimitedApp>
{
    /// <summary>Thousands of uploads from one address would otherwise spend its credits within the first hundred.</summary>
    public sealed class UnlimitedApp : PicshelfApp
    {
        public UnlimitedApp()
        {
            With("RateLimits:Enabled", "false");
        }
    }

    [Fact]
    public async Task MutatedImage_IsStoredDecodablyOrRefusedCleanly()
    {
        var client = await app.AnonymousClientAsync();
        await ImageMutation.MutatedImage.CheckAsync(nameof(MutatedImage_IsStoredDecodablyOrRefusedCleanly), 400, output, async image =>
        {
            var bytes = ImageMutation.Mutate(image.Seed, image.Mutations);
            await SendUploadAsync(client, () => new HttpRequestMessage(HttpMethod.Post, "/3/upload") { Content = Uploads.Multipart(bytes, "fuzz.bin") });
        }, ImageMutation.Describe);
    }

    /// <summary>
    /// Sends one upload and checks what every upload must satisfy; returns the stored image's model, or null when it
    /// was refused.
    /// </summary>
    private async Task<JsonElement?> SendUploadAsync(HttpClient client, Func<HttpRequestMessage> request)
    {
        var rowsBefore = await app.WithDbAsync(db => db.Images.CountAsync());
        var filesBefore = (await app.StoredFilesAsync()).Count;
        var logsBefore = app.Logs.Lines.Count;
        using var response = await client.SendAsync(request());
        var body = await response.Content.ReadAsStringAsync();
        var errors = app.Logs.Lines.Skip(logsBefore).Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"{(int)response.StatusCode} {body}\n{string.Join("\n", errors)}");
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} {body}");
        var rowsAfter = await app.WithDbAsync(db => db.Images.CountAsync());
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Equal(rowsBefore, rowsAfter);
            Assert.Equal(filesBefore, (await app.StoredFilesAsync()).Count);
            return null;
        }
        Assert.Equal(rowsBefore + 1, rowsAfter);
        var image = await Envelope.DataAsync(response);
        await AssertDirectLinkDecodesAsync(client, image);
        return image;
    }

    /// <summary>The original served at the direct link decodes, every pixel, at the size the model states.</summary>
    private static async Task AssertDirectLinkDecodesAsync(HttpClient client, JsonElement image)
    {
        using var original = await client.GetAsync(new Uri(image.GetProperty("link").GetString()!).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        var bytes = await original.Content.ReadAsByteArrayAsync();
        using var decoded = VipsImage.NewFromBuffer(bytes, failOn: Enums.FailOn.Error);
        decoded.Avg();
        Assert.Equal(image.GetProperty("width").GetInt32(), decoded.Width);
        Assert.Equal(image.GetProperty("height").GetInt32(), decoded.PageHeight);
    }
}
