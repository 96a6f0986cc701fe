using System.Text;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Api;

/// <summary>
/// Text fields refuse NUL and the other control characters in every body shape (PostgreSQL answered a NUL with a 500,
/// SQLite stored it), JSON strings that are not valid Unicode are 400, and tabs and line breaks still pass.
/// </summary>
public sealed class FieldTextTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("nul \u0000 inside")]
    [InlineData("bell \u0007")]
    [InlineData("escape \u001B[31m")]
    [InlineData("c1 \u0085")]
    public async Task AControlCharacter_InAnyTextField_Is400_AndChangesNothing(string text)
    {
        var user = await app.SignedInClientAsync();
        var id = (await user.Http.UploadAsync(TestImages.Png(), ("title", "before"))).GetProperty("id").GetString()!;
        var filesBefore = await app.StoredFilesAsync();

        using var titleByForm = await user.Http.PostAsync($"/3/image/{id}", Forms.Form(("title", text)));
        using var descriptionByJson = await user.Http.PostAsync($"/3/image/{id}",
            Json($"{{\"description\":{System.Text.Json.JsonSerializer.Serialize(text)}}}"));
        using var albumTitle = await user.Http.PostAsync("/3/album", Forms.Form(("title", text)));
        using var bio = await user.Http.PutAsync("/3/account/me/settings", Forms.Form(("bio", text)));
        using var upload = await user.Http.PostAsync("/3/image", Uploads.Multipart(TestImages.Png(), "photo.png", ("title", text)));
        using var image = await user.Http.GetAsync($"/3/image/{id}");

        // ASP.NET's form reader refuses a NUL itself, with its own words; every other refusal names the control character.
        foreach (var refused in new[] { titleByForm, descriptionByJson, albumTitle, bio, upload })
        {
            await Envelope.ErrorAsync(refused, 400);
        }
        Assert.Contains("control character", await Envelope.ErrorAsync(descriptionByJson, 400), StringComparison.Ordinal);
        Assert.Equal("before", (await Envelope.DataAsync(image)).GetProperty("title").GetString());
        Assert.Equal(filesBefore, await app.StoredFilesAsync());
    }

    [Theory]
    [InlineData("/oauth2/token", """{"client_id":"\ud800","grant_type":"refresh_token"}""")]
    [InlineData("/3/album", """{"title":"half a pair \udc00"}""")]
    public async Task AJsonStringThatIsNotUnicode_Is400(string path, string json)
    {
        var user = await app.SignedInClientAsync();

        using var response = await user.Http.PostAsync(path, Json(json));

        Assert.Contains("not valid Unicode", await Envelope.ErrorAsync(response, 400), StringComparison.Ordinal);
    }

    /// <summary>Found by an audit: a null among a list's strings reached the album and tag code, and answered 500.</summary>
    [Theory]
    [InlineData("/3/album", """{"ids":[null]}""", "ids must be a list of strings")]
    [InlineData("/3/album", """{"deletehashes":["abc",null]}""", "deletehashes must be a list of strings")]
    [InlineData("/3/album", "ids=[null]", "ids must be a list of strings")]
    public async Task ANullAmongAListsStrings_Is400_AndCreatesNothing(string path, string body, string message)
    {
        var user = await app.SignedInClientAsync();
        var content = body.StartsWith('{') ? Json(body) : new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await user.Http.PostAsync(path, content);
        var albums = await user.Http.GetDataAsync("/3/account/me/albums/count");

        Assert.Equal(message, await Envelope.ErrorAsync(response, 400));
        Assert.Equal(0, albums.GetInt32());
    }

    /// <summary>Found by UploadPropertyTests: a name was read unchecked, and its exception answered 500.</summary>
    [Theory]
    [InlineData("/3/image", """{"\udc00":"x"}""")]
    [InlineData("/3/album", """{"title":"t","\ud800x":"y"}""")]
    public async Task AJsonPropertyNameThatIsNotUnicode_Is400(string path, string json)
    {
        var user = await app.SignedInClientAsync();

        using var response = await user.Http.PostAsync(path, Json(json));

        Assert.Contains("not valid Unicode", await Envelope.ErrorAsync(response, 400), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TabsAndLineBreaks_Pass()
    {
        var user = await app.SignedInClientAsync();
        var id = (await user.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;

        using var updated = await user.Http.PostAsync($"/3/image/{id}", Forms.Form(("description", "line one\r\nline\ttwo")));
        using var image = await user.Http.GetAsync($"/3/image/{id}");

        Assert.True((await Envelope.DataAsync(updated)).GetBoolean());
        Assert.Equal("line one\r\nline\ttwo", (await Envelope.DataAsync(image)).GetProperty("description").GetString());
    }
}
