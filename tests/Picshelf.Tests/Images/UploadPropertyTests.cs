using System.Net;
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
            // An animated GIF's MP4 is made beside the next uploads, with scratch files and a blob of its own; each
            // upload here is checked to leave the files it found.
            With("Media:RenditionWorkers", "0");
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

    [Fact]
    public async Task Base64Text_WithWhitespaceUrlSafeAlphabetOrNoPadding_IsStored_AndDamagedTextIsRefusedCleanly()
    {
        var client = await app.AnonymousClientAsync();
        await Base64Case.Any.CheckAsync(nameof(Base64Text_WithWhitespaceUrlSafeAlphabetOrNoPadding_IsStored_AndDamagedTextIsRefusedCleanly), 300, output, async upload =>
        {
            var stored = await SendUploadAsync(client, upload.Request);
            Assert.True(stored || upload.Damage is not null, "undamaged base64 was refused");
        }, upload => upload.ToString());
    }

    [Fact]
    public async Task RandomBody_IsStoredDecodablyOrRefusedCleanly()
    {
        var client = await app.AnonymousClientAsync();
        await RandomBody.Any.CheckAsync(nameof(RandomBody_IsStoredDecodablyOrRefusedCleanly), 300, output,
            body => SendUploadAsync(client, body.Request), body => body.ToString());
    }

    [Fact]
    public async Task Callback_IsHonouredExactlyWhenItIsAnIdentifierPath()
    {
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.Png())).GetProperty("id").GetString();
        var callbacks = Gen.Frequency(
            (1, Gen.String[Gen.Char["abcXYZ_$019"], 1, 70].Array[1, 9].Select(segments => string.Join('.', segments))),
            (1, Gen.String[Gen.Char["aZ_$09.<>\"'();: \n\té/\\=&%+\u2028"], 0, 30]));
        await callbacks.CheckAsync(nameof(Callback_IsHonouredExactlyWhenItIsAnIdentifierPath), 1000, output, async callback =>
        {
            var logsBefore = app.Logs.Lines.Count;
            using var response = await client.GetAsync($"/3/image/{id}?callback={Uri.EscapeDataString(callback)}");
            var body = await response.Content.ReadAsStringAsync();
            AssertNoErrorLogged(logsBefore, response, body);
            if (callback.Length == 0)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.StartsWith("{\"data\":", body, StringComparison.Ordinal);
            }
            else if (IsIdentifierPath(callback))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("application/javascript", response.Content.Headers.ContentType!.MediaType);
                Assert.StartsWith($"/**/{callback}({{\"data\":", body, StringComparison.Ordinal);
                Assert.EndsWith("});", body, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            }
        });
    }

    /// <summary>The documented rule, stated as segments rather than as the server's pattern: one to eight dotted JavaScript identifiers of at most 64 ASCII characters.</summary>
    private static bool IsIdentifierPath(string callback)
    {
        var segments = callback.Split('.');
        return segments.Length <= 8 && segments.All(segment =>
            segment.Length is >= 1 and <= 64
            && (char.IsAsciiLetter(segment[0]) || segment[0] is '_' or '$')
            && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$'));
    }

    /// <summary>
    /// Sends one upload and checks what every upload must satisfy, whatever status or format the body asked for
    /// (<c>_fake_status</c>, <c>callback</c>, <c>.xml</c>): the images table tells whether it was stored.
    /// </summary>
    /// <returns>Whether an image was stored.</returns>
    private async Task<bool> SendUploadAsync(HttpClient client, Func<HttpRequestMessage> request)
    {
        var idsBefore = await app.WithDbAsync(db => db.Images.Select(i => i.Id).ToListAsync());
        var filesBefore = (await app.StoredFilesAsync()).Count;
        var logsBefore = app.Logs.Lines.Count;
        using var response = await client.SendAsync(request());
        var body = await response.Content.ReadAsStringAsync();
        AssertNoErrorLogged(logsBefore, response, body);
        Assert.DoesNotMatch("\"status\":5|status=\"5", body);
        var added = await app.WithDbAsync(db => db.Images.Where(i => !idsBefore.Contains(i.Id)).ToListAsync());
        if (added.Count == 0)
        {
            Assert.Equal(filesBefore, (await app.StoredFilesAsync()).Count);
            return false;
        }
        var image = Assert.Single(added);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertDirectLinkDecodesAsync(client, image);
        return true;
    }

    private void AssertNoErrorLogged(int logsBefore, HttpResponseMessage response, string body)
    {
        var errors = app.Logs.Lines.Skip(logsBefore).Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"{(int)response.StatusCode} {body}\n{string.Join("\n", errors)}");
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} {body}");
    }

    /// <summary>The original served at the direct link decodes, every pixel, at the size its row states.</summary>
    private static async Task AssertDirectLinkDecodesAsync(HttpClient client, Picshelf.Images.Image image)
    {
        using var original = await client.GetAsync($"/{image.Id}.img");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        var bytes = await original.Content.ReadAsByteArrayAsync();
        using var decoded = VipsImage.NewFromBuffer(bytes, failOn: Enums.FailOn.Error);
        decoded.Avg();
        Assert.Equal(image.Width, decoded.Width);
        Assert.Equal(image.Height, decoded.PageHeight);
    }
}
