using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Api;

/// <summary>
/// Every body shape is bounded (the <c>Requests</c> settings): fields, multipart parts, a part's headers, a text field's
/// length and JSON nesting. Each default is accepted at its limit and refused one past it, naming the setting, and a
/// refused upload leaves no file and no row. An upload's <c>image</c> field is the upload, bounded as one.
/// </summary>
public sealed class RequestBodyLimitTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private const int Fields = 100;
    private const int Parts = 100;
    private const int PartHeaderBytes = 16 * 1024;
    private const int FieldBytes = 64 * 1024;
    private const int JsonDepth = 32;

    [Fact]
    public async Task AnUploadWithTenThousandSmallFields_Is400_AndLeavesNothing()
    {
        var fields = Enumerable.Range(0, 10_000).Select(i => ($"f{i}", "x"));
        var body = RawMultipart([.. fields.Select(f => Part(f.Item1, f.Item2)), Part("image", TestImages.Png(), "photo.png")]);

        var message = await RefusedUploadAsync(body);

        Assert.Contains("Requests:MaxMultipartParts", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMultipartUpload_TakesItsLimitOfParts_AndOneMoreIs400()
    {
        var client = await app.AnonymousClientAsync();
        // The image is a part too.
        (string, string)[] FieldsOf(int count) => [.. Enumerable.Range(0, count).Select(i => ($"f{i}", "x"))];

        using var atLimit = await client.PostAsync("/3/image", Uploads.Multipart(TestImages.Png(), "photo.png", FieldsOf(Parts - 1)));
        await Envelope.DataAsync(atLimit);
        var message = await RefusedUploadAsync(Uploads.Multipart(TestImages.Png(), "photo.png", FieldsOf(Parts)));

        Assert.Contains($"more than {Parts} parts (Requests:MaxMultipartParts)", message, StringComparison.Ordinal);
    }

    /// <summary>A part's headers are measured as ASP.NET's reader measures them: their lines without the line breaks.</summary>
    [Fact]
    public async Task AMultipartUpload_TakesAPartsHeadersUpToTheLimit_AndOneByteMoreIs400()
    {
        var client = await app.AnonymousClientAsync();
        byte[] WithHeaders(int bytes)
        {
            var disposition = "Content-Disposition: form-data; name=\"title\"";
            var padding = "X-Padding: " + new string('p', bytes - disposition.Length - "X-Padding: ".Length);
            return RawMultipart([Encoding.ASCII.GetBytes($"{disposition}\r\n{padding}\r\n\r\ntitled"), Part("image", TestImages.Png(), "photo.png")]);
        }

        using var atLimit = await client.PostAsync("/3/image", MultipartContent(WithHeaders(PartHeaderBytes)));
        Assert.Equal("titled", (await Envelope.DataAsync(atLimit)).GetProperty("title").GetString());
        var message = await RefusedUploadAsync(WithHeaders(PartHeaderBytes + 1));

        Assert.Contains($"at most {PartHeaderBytes} bytes (Requests:MaxPartHeaderBytes)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMultipartUpload_TakesATextFieldUpToTheLimit_AndOneByteMoreIs400()
    {
        var client = await app.AnonymousClientAsync();

        using var atLimit = await client.PostAsync("/3/image", Uploads.Multipart(TestImages.Png(), "photo.png", ("padding", new string('p', FieldBytes))));
        await Envelope.DataAsync(atLimit);
        var message = await RefusedUploadAsync(Uploads.Multipart(TestImages.Png(), "photo.png", ("padding", new string('p', FieldBytes + 1))));

        Assert.Equal($"The field padding is longer than {FieldBytes} bytes (Requests:MaxFieldBytes)", message);
    }

    [Fact]
    public async Task AnImageFieldOfBase64_IsBoundedAsTheUpload_NotAsATextField()
    {
        var client = await app.AnonymousClientAsync();
        var jpeg = TestImages.Jpeg();
        Assert.True(Convert.ToBase64String(jpeg).Length > FieldBytes);

        using var byForm = await client.PostAsync("/3/image", Forms.Form(("image", Convert.ToBase64String(jpeg)), ("type", "base64")));
        using var byJson = await client.PostAsync("/3/image", Json($"{{\"image\":\"{Convert.ToBase64String(jpeg)}\",\"type\":\"base64\"}}"));

        await Envelope.DataAsync(byForm);
        await Envelope.DataAsync(byJson);
    }

    [Fact]
    public async Task FormsAndJson_TakeTheirLimitOfFields_AndOneMoreIs400_CreatingNothing()
    {
        var client = await app.AnonymousClientAsync();
        (string, string)[] FieldsOf(int count) => [("title", "bounded"), .. Enumerable.Range(1, count - 1).Select(i => ($"f{i}", "x"))];
        string JsonOf(int count) => "{" + string.Join(',', FieldsOf(count).Select(f => $"\"{f.Item1}\":\"{f.Item2}\"")) + "}";

        using var formAtLimit = await client.PostAsync("/3/album", Forms.Form(FieldsOf(Fields)));
        using var jsonAtLimit = await client.PostAsync("/3/album", Json(JsonOf(Fields)));
        await Envelope.DataAsync(formAtLimit);
        await Envelope.DataAsync(jsonAtLimit);
        var albumsBefore = await app.WithDbAsync(db => db.Albums.CountAsync());
        using var formPast = await client.PostAsync("/3/album", Forms.Form(FieldsOf(Fields + 1)));
        using var jsonPast = await client.PostAsync("/3/album", Json(JsonOf(Fields + 1)));
        using var uploadPast = await client.PostAsync("/3/image", Forms.Form([("image", Convert.ToBase64String(TestImages.Png())), .. FieldsOf(Fields)]));

        foreach (var refused in new[] { formPast, jsonPast, uploadPast })
        {
            Assert.Equal($"The request body has more than {Fields} fields (Requests:MaxFields)", await Envelope.ErrorAsync(refused, 400));
        }
        Assert.Equal(albumsBefore, await app.WithDbAsync(db => db.Albums.CountAsync()));
    }

    [Fact]
    public async Task ARepeatedMultipartName_CarriesEveryValue_AsAFormsDoes()
    {
        var owner = await app.SignedInClientAsync();
        var first = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        var second = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        using var body = new MultipartFormDataContent { { new StringContent(first), "ids[]" }, { new StringContent(second), "ids[]" } };

        using var created = await owner.Http.PostAsync("/3/album", body);
        using var album = await owner.Http.GetAsync($"/3/album/{(await Envelope.DataAsync(created)).GetProperty("id").GetString()}/images");

        Assert.Equal([first, second], (await Envelope.DataAsync(album)).EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task ARepeatedFormName_IsOneField()
    {
        var client = await app.AnonymousClientAsync();

        using var response = await client.PostAsync("/3/album", Forms.Form([.. Enumerable.Repeat(("padding[]", "x"), Fields + 1)]));

        await Envelope.DataAsync(response);
    }

    [Fact]
    public async Task FormsAndJson_TakeATextFieldUpToTheLimit_AndOneByteMoreIs400()
    {
        var client = await app.AnonymousClientAsync();
        // Multi-byte text is measured in UTF-8 bytes: "é" is two.
        var atLimit = new string('é', FieldBytes / 2);

        using var formAtLimit = await client.PostAsync("/3/album", Forms.Form(("padding", atLimit)));
        using var jsonAtLimit = await client.PostAsync("/3/album", Json($"{{\"padding\":\"{atLimit}\"}}"));
        using var formPast = await client.PostAsync("/3/album", Forms.Form(("padding", atLimit + "p")));
        using var jsonPast = await client.PostAsync("/3/album", Json($"{{\"padding\":\"{atLimit}p\"}}"));

        await Envelope.DataAsync(formAtLimit);
        await Envelope.DataAsync(jsonAtLimit);
        foreach (var refused in new[] { formPast, jsonPast })
        {
            Assert.Equal($"The field padding is longer than {FieldBytes} bytes (Requests:MaxFieldBytes)", await Envelope.ErrorAsync(refused, 400));
        }
    }

    [Fact]
    public async Task Json_NestsUpToTheLimit_AndOneLevelMoreIs400()
    {
        var client = await app.AnonymousClientAsync();
        // The body's object is the first level.
        string Nested(int depth) => $"{{\"padding\":{new string('[', depth - 1)}{new string(']', depth - 1)}}}";

        using var atLimit = await client.PostAsync("/3/album", Json(Nested(JsonDepth)));
        using var past = await client.PostAsync("/3/album", Json(Nested(JsonDepth + 1)));

        await Envelope.DataAsync(atLimit);
        Assert.Equal($"The JSON body nests deeper than {JsonDepth} levels (Requests:MaxJsonDepth)", await Envelope.ErrorAsync(past, 400));
    }

    [Theory]
    [InlineData("{\"title\":\"cut short\"")]
    [InlineData("{\"title\":")]
    [InlineData("{\"title\" \"no colon\"}")]
    public async Task Json_CutShortOrMalformed_Is400SayingSo_NotThatItNestsTooDeep(string body)
    {
        var client = await app.AnonymousClientAsync();

        using var refused = await client.PostAsync("/3/album", Json(body));

        Assert.Equal("The JSON body is malformed", await Envelope.ErrorAsync(refused, 400));
    }

    /// <summary>The reader's word for a header line without a colon is the one it has for headers over the limit; the answer tells them apart.</summary>
    [Theory]
    [InlineData("/3/image")]
    [InlineData("/3/album")]
    public async Task AMultipartPartsHeaderLineWithoutAColon_Is400_AsMalformedNotAsTooLarge(string route)
    {
        var client = await app.AnonymousClientAsync();

        using var response = await client.PostAsync(route, MultipartContent(RawMultipart([Encoding.ASCII.GetBytes("no colon here\r\n\r\nx")])));

        Assert.Equal("A multipart part has a malformed header line", await Envelope.ErrorAsync(response, 400));
    }

    /// <summary>
    /// ASP.NET's form reader skips a part whose disposition is neither a field nor a file (<c>attachment</c>) without
    /// counting it, so routes that read their form through it took any number of such parts where an upload took 100.
    /// </summary>
    [Fact]
    public async Task EveryPartCounts_OnEveryRoute_WhateverItsDisposition()
    {
        var client = await app.AnonymousClientAsync();
        byte[] WithParts(int parts) => RawMultipart([Part("title", "parts"),
            .. Enumerable.Range(1, parts - 1).Select(i => Encoding.ASCII.GetBytes($"Content-Disposition: attachment; name=\"a{i}\"\r\n\r\nx"))]);

        using var atLimit = await client.PostAsync("/3/album", MultipartContent(WithParts(Parts)));
        await Envelope.DataAsync(atLimit);
        var albumsBefore = await app.WithDbAsync(db => db.Albums.CountAsync());
        using var past = await client.PostAsync("/3/album", MultipartContent(WithParts(Parts + 1)));

        Assert.Equal($"The multipart body has more than {Parts} parts (Requests:MaxMultipartParts)", await Envelope.ErrorAsync(past, 400));
        Assert.Equal(albumsBefore, await app.WithDbAsync(db => db.Albums.CountAsync()));
        Assert.Contains($"more than {Parts} parts", await RefusedUploadAsync(WithParts(Parts + 1)), StringComparison.Ordinal);
    }

    /// <summary>
    /// The upload's own multipart reader sized its buffer from the boundary, and a boundary of a few thousand characters
    /// (a Content-Type header may hold 32 KB) made it throw ArgumentOutOfRangeException: a 500 with a stack in the log.
    /// </summary>
    [Theory]
    [InlineData("/3/image")]
    [InlineData("/3/album")]
    public async Task AMultipartBoundaryLongerThanTheFormReadersLimit_Is400(string route)
    {
        var client = await app.AnonymousClientAsync();
        var boundary = new string('b', 5000);
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--{boundary}--\r\n"));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        var logsBefore = app.Logs.Lines.Count;

        using var response = await client.PostAsync(route, content);

        Assert.StartsWith("The multipart boundary is longer than", await Envelope.ErrorAsync(response, 400), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines.Skip(logsBefore), line => line.StartsWith("Error ", StringComparison.Ordinal));
    }

    /// <summary>Refused as an upload: 400 in the envelope, and no row and no file (staging included) left behind.</summary>
    private async Task<string> RefusedUploadAsync(HttpContent body)
    {
        var client = await app.AnonymousClientAsync();
        var rowsBefore = await app.WithDbAsync(db => db.Images.CountAsync());
        var filesBefore = await app.StoredFilesAsync();
        using var response = await client.PostAsync("/3/image", body);
        var message = await Envelope.ErrorAsync(response, 400);
        Assert.Equal(rowsBefore, await app.WithDbAsync(db => db.Images.CountAsync()));
        Assert.Equal(filesBefore, await app.StoredFilesAsync());
        return message;
    }

    private Task<string> RefusedUploadAsync(byte[] multipart) => RefusedUploadAsync(MultipartContent(multipart));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private const string Boundary = "bounds-boundary";

    /// <summary>A multipart body written out by hand, so a test controls each part's headers to the byte.</summary>
    private static byte[] RawMultipart(IEnumerable<byte[]> parts)
    {
        using var body = new MemoryStream();
        foreach (var part in parts)
        {
            body.Write(Encoding.ASCII.GetBytes($"--{Boundary}\r\n"));
            body.Write(part);
            body.Write("\r\n"u8);
        }
        body.Write(Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"));
        return body.ToArray();
    }

    private static ByteArrayContent MultipartContent(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        return content;
    }

    private static byte[] Part(string name, string value) => Encoding.UTF8.GetBytes($"Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}");

    private static byte[] Part(string name, byte[] file, string fileName) =>
        [.. Encoding.ASCII.GetBytes($"Content-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"\r\nContent-Type: application/octet-stream\r\n\r\n"), .. file];
}

/// <summary>
/// The <c>Requests</c> settings are read, and hold whatever shape the fields come in: a smaller field count refuses a
/// multipart upload's fields, not only its parts, and a smaller field length holds the query string too.
/// </summary>
public sealed class RequestBodyLimitSettingTests(RequestBodyLimitSettingTests.SmallFieldsApp app) : IClassFixture<RequestBodyLimitSettingTests.SmallFieldsApp>
{
    private const int Fields = 5;
    private const int FieldBytes = 1024;

    public sealed class SmallFieldsApp : PicshelfApp
    {
        public SmallFieldsApp()
        {
            With("Requests:MaxFields", Fields.ToString(System.Globalization.CultureInfo.InvariantCulture));
            With("Requests:MaxFieldBytes", FieldBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// The image is one of an upload's fields in every shape: a urlencoded or JSON upload counted it and a multipart one
    /// did not, so multipart took one field more.
    /// </summary>
    [Theory]
    [InlineData("multipart")]
    [InlineData("urlencoded")]
    [InlineData("json")]
    public async Task AnUpload_TakesTheSetNumberOfFields_ItsImageAmongThem_AndOneMoreIs400_LeavingNothing(string shape)
    {
        var client = await app.AnonymousClientAsync();
        HttpContent UploadWith(int fields)
        {
            var others = Enumerable.Range(1, fields - 1).Select(i => ($"f{i}", "x")).ToArray();
            var base64 = Convert.ToBase64String(TestImages.Png());
            return shape switch
            {
                "multipart" => Uploads.Multipart(TestImages.Png(), "photo.png", others),
                "urlencoded" => Forms.Form([("image", base64), .. others]),
                _ => new StringContent("{\"image\":\"" + base64 + "\"" + string.Concat(others.Select(f => $",\"{f.Item1}\":\"{f.Item2}\"")) + "}",
                    Encoding.UTF8, "application/json"),
            };
        }

        using var atLimit = await client.PostAsync("/3/image", UploadWith(Fields));
        await Envelope.DataAsync(atLimit);
        var rowsBefore = await app.WithDbAsync(db => db.Images.CountAsync());
        var filesBefore = await app.StoredFilesAsync();
        using var past = await client.PostAsync("/3/image", UploadWith(Fields + 1));

        Assert.Equal($"The request body has more than {Fields} fields (Requests:MaxFields)", await Envelope.ErrorAsync(past, 400));
        Assert.Equal(rowsBefore, await app.WithDbAsync(db => db.Images.CountAsync()));
        Assert.Equal(filesBefore, await app.StoredFilesAsync());
    }

    /// <summary>
    /// Routes read fields from the query string where the body lacks them, and those were held to no length or count:
    /// a description the body could not carry came through the URL (up to Kestrel's 8 KB request line).
    /// </summary>
    [Fact]
    public async Task QueryStringFields_AreHeldToTheSameLengthAndCount_AsTheBodysFields()
    {
        var client = await app.AnonymousClientAsync();
        var albumsBefore = await app.WithDbAsync(db => db.Albums.CountAsync());

        using var atLimit = await client.PostAsync($"/3/album?description={new string('d', FieldBytes)}", Forms.Form(("title", "t")));
        using var tooLong = await client.PostAsync($"/3/album?description={new string('d', FieldBytes + 1)}", Forms.Form(("title", "t")));
        using var tooMany = await client.PostAsync("/3/album?q1=x&q2=x&q3=x", Forms.Form(("b1", "x"), ("b2", "x"), ("b3", "x")));
        using var bareUpload = await client.PostAsync($"/3/image?description={new string('d', FieldBytes + 1)}", new ByteArrayContent(TestImages.Png()));

        await Envelope.DataAsync(atLimit);
        Assert.Equal($"The field description is longer than {FieldBytes} bytes (Requests:MaxFieldBytes)", await Envelope.ErrorAsync(tooLong, 400));
        Assert.Equal($"The request body has more than {Fields} fields (Requests:MaxFields)", await Envelope.ErrorAsync(tooMany, 400));
        Assert.Equal($"The field description is longer than {FieldBytes} bytes (Requests:MaxFieldBytes)", await Envelope.ErrorAsync(bareUpload, 400));
        Assert.Equal(albumsBefore + 1, await app.WithDbAsync(db => db.Albums.CountAsync()));
    }
}
