using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Images;

public sealed class UploadTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    /// <summary>The anonymous upload example of the API spec, whose keys and JSON types real clients parse.</summary>
    private const string SpecExample = """
        {"id":"orunSTu","title":null,"description":null,"datetime":1495556889,"type":"image/gif","animated":false,"width":1,"height":1,"size":42,"views":0,"bandwidth":0,"vote":null,"favorite":false,"nsfw":null,"section":null,"account_url":null,"account_id":0,"is_ad":false,"in_most_viral":false,"tags":[],"ad_type":0,"ad_url":"","in_gallery":false,"deletehash":"x70po4w7BVvSUzZ","name":"","link":"http://i.imgur.com/orunSTu.gif"}
        """;

    [Fact]
    public async Task AnonymousUpload_HasExactlyTheKeysAndTypesOfTheSpecExample()
    {
        var client = await app.AnonymousClientAsync();
        var image = await client.UploadAsync(TestImages.Png());
        AssertSameShape(JsonDocument.Parse(SpecExample).RootElement, image);
    }

    [Fact]
    public async Task Get_ByOwner_HasExactlyTheKeysAndTypesOfTheSpecExample()
    {
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString();
        var image = await Envelope.DataAsync(await owner.Http.GetAsync($"/3/image/{id}"));

        using var example = JsonDocument.Parse(SpecExample);
        Assert.Equal(example.RootElement.EnumerateObject().Select(p => p.Name), image.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, image.GetProperty("account_url").ValueKind);
    }

    [Fact]
    public async Task Get_ByOthers_HasTheSpecKeysExceptTheUploaderOnlyOnes()
    {
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.Png())).GetProperty("id").GetString();
        var image = await Envelope.DataAsync(await client.GetAsync($"/3/image/{id}"));

        using var example = JsonDocument.Parse(SpecExample);
        var expected = example.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n is not ("deletehash" or "name"));
        Assert.Equal(expected, image.EnumerateObject().Select(p => p.Name));
        foreach (var property in image.EnumerateObject())
        {
            Assert.Equal(example.RootElement.GetProperty(property.Name).ValueKind, property.Value.ValueKind);
        }
    }

    [Fact]
    public async Task Upload_Envelope_StartsWithDataAndIsCompact()
    {
        var client = await app.AnonymousClientAsync();
        using var response = await client.PostAsync("/3/image", Uploads.Multipart(TestImages.Png()));
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{\"data\":{\"id\":\"", body, StringComparison.Ordinal);
        Assert.EndsWith(",\"success\":true,\"status\":200}", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_MultipartFile_ReadsFactsFromTheBytes()
    {
        var client = await app.AnonymousClientAsync();
        // The file name and a claimed type say GIF; the bytes are a JPEG.
        using var response = await client.PostAsync("/3/image", Uploads.Multipart(TestImages.Jpeg(320, 200), "lies.gif", ("type", "file")));
        var image = await Envelope.DataAsync(response);

        Assert.Equal("image/jpeg", image.GetProperty("type").GetString());
        Assert.Equal(320, image.GetProperty("width").GetInt32());
        Assert.Equal(200, image.GetProperty("height").GetInt32());
        Assert.False(image.GetProperty("animated").GetBoolean());
        Assert.Equal("lies.gif", image.GetProperty("name").GetString());
        Assert.EndsWith(".jpg", image.GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.Equal(15, image.GetProperty("deletehash").GetString()!.Length);
        Assert.Equal(7, image.GetProperty("id").GetString()!.Length);
    }

    [Theory]
    [InlineData("/3/image")]
    [InlineData("/3/upload")]
    [InlineData("/3/upload.json")]
    [InlineData("/3/image.json")]
    public async Task Upload_AcceptsEveryUploadRoute(string route)
    {
        var client = await app.AnonymousClientAsync();
        using var response = await client.PostAsync(route, Uploads.Multipart(TestImages.Png()));
        await Envelope.DataAsync(response);
    }

    [Fact]
    public async Task Upload_Base64InUrlEncodedBody_AsImgurpythonSends()
    {
        var client = await app.AnonymousClientAsync();
        var png = TestImages.Png(33, 22);
        using var response = await client.PostAsync("/3/upload", new FormUrlEncodedContent(
            [new("image", Convert.ToBase64String(png)), new("type", "base64"), new("name", "pasted.png"), new("title", "Pasted")]));
        var image = await Envelope.DataAsync(response);
        Assert.Equal(33, image.GetProperty("width").GetInt32());
        Assert.Equal("pasted.png", image.GetProperty("name").GetString());
        Assert.Equal("Pasted", image.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Upload_Base64AsMultipartField_WithoutType_IsDetected()
    {
        var client = await app.AnonymousClientAsync();
        using var content = new MultipartFormDataContent { { new StringContent(Convert.ToBase64String(TestImages.Png(10, 12))), "image" } };
        var image = await Envelope.DataAsync(await client.PostAsync("/3/image", content));
        Assert.Equal(12, image.GetProperty("height").GetInt32());
        Assert.Equal("", image.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Upload_DataUriBase64_IsAccepted()
    {
        var client = await app.AnonymousClientAsync();
        var dataUri = "data:image/png;base64," + Convert.ToBase64String(TestImages.Png());
        var image = await Envelope.DataAsync(await client.PostAsync("/3/image", new FormUrlEncodedContent([new("image", dataUri)])));
        Assert.Equal("image/png", image.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Upload_JsonBody_AsImgurUploaderSends()
    {
        var client = await app.AnonymousClientAsync();
        var body = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["image"] = Convert.ToBase64String(TestImages.Png()),
            ["type"] = "base64",
            ["title"] = "From JSON",
        });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var image = await Envelope.DataAsync(await client.PostAsync("/3/image", content));
        Assert.Equal("From JSON", image.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Upload_RawBase64Body_WithoutFieldName()
    {
        var client = await app.AnonymousClientAsync();
        using var content = new StringContent(Convert.ToBase64String(TestImages.Png()));
        content.Headers.ContentType = null;
        await Envelope.DataAsync(await client.PostAsync("/3/image", content));
    }

    [Fact]
    public async Task Upload_RawBinaryBody_IsAccepted()
    {
        var client = await app.AnonymousClientAsync();
        using var content = new ByteArrayContent(TestImages.Jpeg(100, 80));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var image = await Envelope.DataAsync(await client.PostAsync("/3/image", content));
        Assert.Equal("image/jpeg", image.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("file")]
    [InlineData("stream")]
    [InlineData("FILE")]
    public async Task Upload_TypeNamesOfEveryClient_AreAccepted(string type)
    {
        var client = await app.AnonymousClientAsync();
        await Envelope.DataAsync(await client.PostAsync("/3/upload", Uploads.Multipart(TestImages.Png(), "x.png", ("type", type))));
    }

    [Fact]
    public async Task Upload_WithBearer_BelongsToTheAccount()
    {
        var owner = await app.SignedInClientAsync();
        var image = await owner.Http.UploadAsync(TestImages.Png());
        Assert.Equal(owner.Username, image.GetProperty("account_url").GetString());
        Assert.Equal(owner.AccountId, image.GetProperty("account_id").GetInt32());
    }

    [Theory]
    [InlineData("gif")]
    [InlineData("webp")]
    [InlineData("tiff")]
    public async Task Upload_OtherFormats_AreStoredWithTheirTrueType(string format)
    {
        var (bytes, mime, animated) = format switch
        {
            "gif" => (TestImages.AnimatedGif(40, 30, 3), "image/gif", true),
            "webp" => (TestImages.WebP(), "image/webp", false),
            _ => (TestImages.Tiff(), "image/tiff", false),
        };
        var client = await app.AnonymousClientAsync();
        var image = await client.UploadAsync(bytes);
        Assert.Equal(mime, image.GetProperty("type").GetString());
        Assert.Equal(animated, image.GetProperty("animated").GetBoolean());
        if (animated)
        {
            Assert.Equal(30, image.GetProperty("height").GetInt32());
        }
    }

    [Fact]
    public async Task Upload_Avif_IsStoredAsAvif()
    {
        var client = await app.AnonymousClientAsync();
        var image = await client.UploadAsync(TestImages.Avif(64, 48));
        Assert.Equal("image/avif", image.GetProperty("type").GetString());
        Assert.Equal(64, image.GetProperty("width").GetInt32());
    }

    [Theory]
    [InlineData(24)]
    [InlineData(8)]
    public async Task Upload_Bitmap_IsStoredAsLosslessPng(int bitsPerPixel)
    {
        var client = await app.AnonymousClientAsync();
        var image = await client.UploadAsync(TestImages.Bmp(37, 21, bitsPerPixel));
        Assert.Equal("image/png", image.GetProperty("type").GetString());
        Assert.Equal((37, 21), (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()));
        var thumbnail = await client.GetAsync($"/{image.GetProperty("id").GetString()}s.jpg");
        Assert.Equal(System.Net.HttpStatusCode.OK, thumbnail.StatusCode);
    }

    [Fact]
    public async Task Upload_TruncatedBitmap_Returns400()
    {
        var client = await app.AnonymousClientAsync();
        var bitmap = TestImages.Bmp(64, 64, 24);
        using var response = await client.PostAsync("/3/image", Uploads.Multipart(bitmap[..1000], "x.bmp"));
        await Envelope.ErrorAsync(response, 400);
    }

    [Fact]
    public async Task Upload_ErrorMessages_NeverRevealServerPaths()
    {
        var client = await app.AnonymousClientAsync();
        var jpeg = TestImages.Jpeg(200, 200);
        using var response = await client.PostAsync("/3/image", Uploads.Multipart(jpeg[..(jpeg.Length / 3)]));
        var message = await Envelope.ErrorAsync(response, 400);
        Assert.DoesNotContain(app.DataDirectory, message, StringComparison.Ordinal);
        Assert.DoesNotContain("staging", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_IntoUnknownAlbum_Returns404AndStoresNothing()
    {
        var client = await app.AnonymousClientAsync();
        var filesBefore = (await app.StoredFilesAsync()).Count;
        using var response = await client.PostAsync("/3/image", Uploads.Multipart(TestImages.Png(), "x.png", ("album", "NoAlbum")));
        Assert.Equal("Unable to find an album with the id, NoAlbum", await Envelope.ErrorAsync(response, 404));
        Assert.Equal(filesBefore, (await app.StoredFilesAsync()).Count);
    }

    private static void AssertSameShape(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name), actual.EnumerateObject().Select(p => p.Name));
        foreach (var property in expected.EnumerateObject())
        {
            var value = actual.GetProperty(property.Name);
            var expectedKind = property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? JsonValueKind.True : property.Value.ValueKind;
            var actualKind = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? JsonValueKind.True : value.ValueKind;
            Assert.True(expectedKind == actualKind, $"{property.Name}: expected {property.Value.ValueKind}, got {value.ValueKind}");
        }
    }
}
