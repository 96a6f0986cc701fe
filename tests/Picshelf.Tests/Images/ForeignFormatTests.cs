using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Images;

/// <summary>
/// HEIC and JPEG XL, which this libvips cannot decode, are decoded by libheif's and libjxl's tools: kept as uploaded
/// without their EXIF and XMP, served as such to clients that name their type, and as a JPEG to everyone else
/// (docs/imgur-compatibility.md §7.4). The tools run under prlimit, on Linux.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ForeignFormatTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    public static TheoryData<string> Formats => ["heic", "jxl"];

    /// <summary>What a browser may be sent: the JPEG, or a variant of it (<c>Serving/VariantService</c>).</summary>
    private static readonly string[] BrowserTypes = ["image/jpeg", "image/avif", "image/webp"];

    private static Task<byte[]> FileOfAsync(string format, byte[] jpeg) => format == "heic" ? ToolMade.Heic(jpeg) : ToolMade.Jxl(jpeg);

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        return await client.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task AnUpload_IsKeptAsUploadedWithoutItsMetadata_ForClientsThatTakeIt_AndIsAJpegToEveryoneElse(string format)
    {
        var client = await app.AnonymousClientAsync();
        var file = await FileOfAsync(format, TestImages.JpegWithMetadata(96, 64));
        Assert.Contains("Exif", Encoding.ASCII.GetString(file), StringComparison.Ordinal);

        var uploaded = await client.UploadAsync(file);

        var id = uploaded.GetProperty("id").GetString()!;
        Assert.Equal($"image/{format}", uploaded.GetProperty("type").GetString());
        Assert.Equal($"http://localhost/{id}.{format}", uploaded.GetProperty("link").GetString());
        Assert.Equal((96, 64), (uploaded.GetProperty("width").GetInt32(), uploaded.GetProperty("height").GetInt32()));
        Assert.False(uploaded.TryGetProperty("processing", out _));

        using (var browser = await GetAsync(client, $"/{id}.{format}", "image/avif,image/webp,image/*,*/*;q=0.8"))
        {
            Assert.Equal(HttpStatusCode.OK, browser.StatusCode);
            Assert.Contains(browser.Content.Headers.ContentType!.MediaType, BrowserTypes);
            Assert.Contains("Accept", browser.Headers.Vary);
        }
        using (var plain = await GetAsync(client, $"/{id}.jpg"))
        {
            Assert.Equal("image/jpeg", plain.Content.Headers.ContentType!.MediaType);
            var jpeg = await plain.Content.ReadAsByteArrayAsync();
            Assert.DoesNotContain("SECRET", Encoding.ASCII.GetString(jpeg), StringComparison.Ordinal);
        }
        foreach (var (path, accept) in new[] { ($"/{id}.{format}", $"image/{format}"), ($"/{id}.jpg?original", null) })
        {
            using var kept = await GetAsync(client, path, accept);
            Assert.Equal($"image/{format}", kept.Content.Headers.ContentType!.MediaType);
            var bytes = await kept.Content.ReadAsByteArrayAsync();
            Assert.Equal(uploaded.GetProperty("size").GetInt32(), bytes.Length);
            Assert.Equal(file.Length, bytes.Length);
            Assert.DoesNotContain("SECRET", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
            // Still a picture its own decoder reads.
            var decoded = await ToolMade.MakeAsync(format == "heic" ? "heif-convert" : "djxl", bytes, ($".{format}", ".png"),
                (input, output) => format == "heic" ? ["--quiet", input, output] : [input, output]);
            Assert.NotEmpty(decoded);
        }
        using var thumbnail = await GetAsync(client, $"/{id}s.jpg");
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task ACorruptFile_IsRefused_LeavingNothing(string format)
    {
        var client = await app.AnonymousClientAsync();
        var file = await FileOfAsync(format, TestImages.Jpeg(64, 48));
        var corrupt = file[..(file.Length / 2)];
        var (rows, files) = (await app.WithDbAsync(db => db.Images.CountAsync()), await app.StoredFilesAsync());

        using var response = await client.PostAsync("/3/image", Uploads.Multipart(corrupt, "photo." + format));

        Assert.StartsWith("The image is corrupt or truncated", await Envelope.ErrorAsync(response, 400), StringComparison.Ordinal);
        Assert.Equal(rows, await app.WithDbAsync(db => db.Images.CountAsync()));
        Assert.Empty((await app.StoredFilesAsync()).Except(files));
    }

    [Fact]
    public async Task WithoutItsDecoder_AHeicIsRefusedAsATypeThisServerCannotTake()
    {
        await using var without = new PicshelfApp().With("Media:HeifConvertPath", "/nonexistent/heif-convert");
        var client = await without.AnonymousClientAsync();

        using var response = await client.PostAsync("/3/image", Uploads.Multipart(await ToolMade.Heic(TestImages.Jpeg(64, 48)), "photo.heic"));

        Assert.Equal("HEIC images are not supported by this server: its decoder is not installed", await Envelope.ErrorAsync(response, 415));
    }
}
