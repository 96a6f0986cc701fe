using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Images;

/// <summary>Every bad upload gets a clear error envelope and leaves no row and no file behind.</summary>
public sealed class UploadRejectionTests(UploadRejectionTests.SmallLimitsApp app) : IClassFixture<UploadRejectionTests.SmallLimitsApp>
{
    public sealed class SmallLimitsApp : PicshelfApp
    {
        public SmallLimitsApp()
        {
            With("Uploads:MaxImageBytes", "1048576");
            With("Uploads:MaxVideoBytes", "1048576");
        }
    }

    public static TheoryData<string, byte[]> NotImages => new()
    {
        { "text.txt", Encoding.UTF8.GetBytes("just some text, not a picture") },
        { "page.html", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>") },
        { "doc.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF") },
        { "vector.svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>") },
    };

    [Theory]
    [MemberData(nameof(NotImages))]
    public async Task Upload_NotAnImageFile_Returns415AndStoresNothing(string fileName, byte[] bytes)
    {
        await AssertRejectedAsync(client => client.PostAsync("/3/image", Uploads.Multipart(bytes, fileName)), 415);
    }

    [Fact]
    public async Task Upload_NoImageField_Returns400()
    {
        await AssertRejectedAsync(client => client.PostAsync("/3/image", new FormUrlEncodedContent([new("title", "no image")])), 400);
    }

    [Fact]
    public async Task Upload_EmptyFile_Returns400()
    {
        await AssertRejectedAsync(client => client.PostAsync("/3/image", Uploads.Multipart([], "empty.jpg")), 400);
    }

    [Fact]
    public async Task Upload_EmptyBody_Returns400()
    {
        await AssertRejectedAsync(client => client.PostAsync("/3/image", new ByteArrayContent([])), 400);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public async Task Upload_TruncatedImage_Returns400AndServerKeepsServing(string format)
    {
        var whole = format == "jpeg" ? TestImages.Jpeg(300, 200) : TestImages.Png(300, 200);
        var truncated = whole[..(whole.Length / 2)];
        await AssertRejectedAsync(client => client.PostAsync("/3/image", Uploads.Multipart(truncated)), 400);

        var client = await app.AnonymousClientAsync();
        await client.UploadAsync(TestImages.Png());
    }

    [Fact]
    public async Task Upload_CorruptJpegData_Returns400()
    {
        var jpeg = TestImages.Jpeg(300, 200);
        // Overwrite the middle of the entropy-coded data with marker bytes that break decoding.
        for (var i = jpeg.Length / 2; i < jpeg.Length / 2 + 64; i += 2)
        {
            jpeg[i] = 0xFF;
            jpeg[i + 1] = 0xC4;
        }
        await AssertRejectedAsync(client => client.PostAsync("/3/image", Uploads.Multipart(jpeg)), 400);
    }

    [Fact]
    public async Task Upload_HeaderOnlyPng_Returns400()
    {
        await AssertRejectedAsync(client => client.PostAsync("/3/image", Uploads.Multipart(TestImages.Png()[..40], "x.png")), 400);
    }

    [Fact]
    public async Task Upload_OverSizeLimit_Returns413BeforeReadingTheBody()
    {
        var client = await app.AnonymousClientAsync();
        // Declares 64 MB but sends only a little: the server must answer from the declared length.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/3/image") { Content = new ByteArrayContent(new byte[1024]) };
        request.Content.Headers.ContentLength = 64L * 1024 * 1024;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var filesBefore = (await app.StoredFilesAsync()).Count;
        using var response = await client.SendAsync(request);
        Assert.Equal("File is over the size limit", await Envelope.ErrorAsync(response, 413));
        Assert.Equal(filesBefore, (await app.StoredFilesAsync()).Count);
    }

    [Fact]
    public async Task Upload_MultipartFileOverSizeLimit_Returns413AndStoresNothing()
    {
        var big = new byte[1024 * 1024 + 10];
        TestImages.Jpeg(64, 64).CopyTo(big, 0);
        await AssertRejectedAsync(client => client.PostAsync("/3/image", Uploads.Multipart(big)), 413);
    }

    [Fact]
    public async Task Upload_Base64OverSizeLimit_Returns413()
    {
        var big = new byte[1024 * 1024 + 10];
        TestImages.Jpeg(64, 64).CopyTo(big, 0);
        await AssertRejectedAsync(client => client.PostAsync("/3/image",
            new FormUrlEncodedContent([new("image", Convert.ToBase64String(big)), new("type", "base64")])), 413);
    }

    [Fact]
    public async Task Upload_DecompressionBomb_Returns400QuicklyAndStoresNothing()
    {
        var bomb = TestImages.PngBomb(20000);
        Assert.True(bomb.Length < 1024 * 1024);
        var client = await app.AnonymousClientAsync();
        var filesBefore = (await app.StoredFilesAsync()).Count;
        var memoryBefore = Process.GetCurrentProcess().WorkingSet64;
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync("/3/image", Uploads.Multipart(bomb, "bomb.png"));
        clock.Stop();
        var message = await Envelope.ErrorAsync(response, 400);
        Assert.Contains("20000x20000", message, StringComparison.Ordinal);
        // Not a timing assertion on speed, only that it was refused from the header instead of decoding 400 megapixels.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.True(Process.GetCurrentProcess().WorkingSet64 - memoryBefore < 300L * 1024 * 1024);
        Assert.Equal(filesBefore, (await app.StoredFilesAsync()).Count);
    }

    [Fact]
    public async Task Upload_AnimationBomb_TinyFramesOnAHugeCanvas_Returns400Quickly()
    {
        var bomb = TestImages.GifAnimationBomb(10000, 10000, 2000);
        Assert.True(bomb.Length < 64 * 1024);
        var clock = Stopwatch.StartNew();
        await AssertRejectedAsync(client => client.PostAsync("/3/image", Uploads.Multipart(bomb, "bomb.gif")), 400);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("multipart/")]
    [InlineData("multipart/form-data; boundary=\"unterminated")]
    [InlineData("multipart/form-data")]
    public async Task Upload_MalformedMultipartContentType_Returns400(string contentType)
    {
        await AssertRejectedAsync(client =>
        {
            var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--x\r\n\r\n"));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return client.PostAsync("/3/image", content);
        }, 400);
    }

    [Theory]
    [InlineData("this is not base64!!")]
    [InlineData("====")]
    [InlineData("QUJD$$$")]
    public async Task Upload_InvalidBase64_Returns400(string text)
    {
        await AssertRejectedAsync(client => client.PostAsync("/3/image",
            new FormUrlEncodedContent([new("image", text), new("type", "base64")])), 400);
    }

    [Fact]
    public async Task Upload_Base64OfNonImage_Returns415()
    {
        await AssertRejectedAsync(client => client.PostAsync("/3/image",
            new FormUrlEncodedContent([new("image", Convert.ToBase64String(Encoding.UTF8.GetBytes("hello world"))), new("type", "base64")])), 415);
    }

    [Fact]
    public async Task Upload_Video_Returns415()
    {
        var client = await app.AnonymousClientAsync();
        using var content = new MultipartFormDataContent { { new ByteArrayContent([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70]), "video", "clip.mp4" } };
        await Envelope.ErrorAsync(await client.PostAsync("/3/upload", content), 415);
    }

    [Fact]
    public async Task Upload_TitleTooLong_Returns400AndStoresNothing()
    {
        await AssertRejectedAsync(client => client.PostAsync("/3/image",
            Uploads.Multipart(TestImages.Png(), "x.png", ("title", new string('t', 2000)))), 400);
    }

    [Fact]
    public async Task Upload_MalformedMultipart_Returns400()
    {
        var client = await app.AnonymousClientAsync();
        using var content = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nabc", Encoding.ASCII);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        await Envelope.ErrorAsync(await client.PostAsync("/3/image", content), 400);
    }

    private async Task AssertRejectedAsync(Func<HttpClient, Task<HttpResponseMessage>> send, int status)
    {
        var client = await app.AnonymousClientAsync();
        var rowsBefore = await app.WithDbAsync(db => db.Images.CountAsync());
        var filesBefore = (await app.StoredFilesAsync()).Count;
        using var response = await send(client);
        await Envelope.ErrorAsync(response, status);
        Assert.Equal(rowsBefore, await app.WithDbAsync(db => db.Images.CountAsync()));
        Assert.Equal(filesBefore, (await app.StoredFilesAsync()).Count);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
