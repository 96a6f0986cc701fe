using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Picshelf.Images;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Api;

public sealed class ResponseFormatTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    private async Task<(HttpClient Client, string Id)> ImageAsync()
    {
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.Png(), ("title", "Fish & <chips>"))).GetProperty("id").GetString()!;
        return (client, id);
    }

    [Fact]
    public async Task JsonSuffix_AnswersLikeTheBareRoute()
    {
        var (client, id) = await ImageAsync();
        var bare = await (await client.GetAsync($"/3/image/{id}")).Content.ReadAsStringAsync();
        using var suffixed = await client.GetAsync($"/3/image/{id}.json");
        Assert.Equal("application/json", suffixed.Content.Headers.ContentType!.MediaType);
        Assert.Equal(bare, await suffixed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task XmlSuffix_AnswersImgursXmlShape()
    {
        var (client, id) = await ImageAsync();
        using var response = await client.GetAsync($"/3/image/{id}.xml");
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("data", root.Name.LocalName);
        Assert.Equal("1", root.Attribute("success")!.Value);
        Assert.Equal("200", root.Attribute("status")!.Value);
        Assert.Equal(id, root.Element("id")!.Value);
        Assert.Equal("Fish & <chips>", root.Element("title")!.Value);
        Assert.NotNull(root.Element("tags"));
    }

    [Fact]
    public async Task XmlSuffix_WithControlCharactersInData_StillAnswersWellFormedXml()
    {
        // The API refuses control characters now (FieldTextTests); rows written before may still hold them.
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.Png())).GetProperty("id").GetString()!;
        await app.WithDbAsync(db => db.Images.Where(i => i.Id == id).ExecuteUpdateAsync(set => set.SetProperty(i => i.Title, "bell\u0001here")));
        app.Services.GetRequiredService<ImageDirectory>().Forget(id);
        using var response = await client.GetAsync($"/3/image/{id}.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("bell\uFFFDhere", root.Element("title")!.Value);
    }

    [Fact]
    public async Task CallbackAndFakeStatus_InAPostBody_AreHonoured()
    {
        var client = await app.AnonymousClientAsync();
        var uploaded = await client.UploadAsync(TestImages.Png());
        using var response = await client.PostAsync($"/3/image/{uploaded.GetProperty("deletehash").GetString()}",
            new FormUrlEncodedContent([new("title", "via post"), new("callback", "done"), new("_fake_status", "200")]));
        Assert.Equal("application/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("/**/done({\"data\":true", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The endpoint still read the body the format check had read.
        var image = await Envelope.DataAsync(await client.GetAsync($"/3/image/{uploaded.GetProperty("id").GetString()}"));
        Assert.Equal("via post", image.GetProperty("title").GetString());
    }

    [Fact]
    public async Task XmlSuffix_OnErrors_AnswersXmlError()
    {
        var client = await app.AnonymousClientAsync();
        using var response = await client.GetAsync("/3/image/NoSuch1.xml");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("0", root.Attribute("success")!.Value);
        Assert.Equal("404", root.Attribute("status")!.Value);
        Assert.Contains("NoSuch1", root.Element("error")!.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("handler")]
    [InlineData("app.images.onLoad")]
    [InlineData("$jsonp_1")]
    public async Task Callback_WrapsEnvelopeAsJavascript(string callback)
    {
        var (client, id) = await ImageAsync();
        using var response = await client.GetAsync($"/3/image/{id}?callback={callback}");
        Assert.Equal("application/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith($"/**/{callback}({{\"data\":", body, StringComparison.Ordinal);
        Assert.EndsWith("});", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<chips>", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alert(1)")]
    [InlineData("<script>")]
    [InlineData("a\"b")]
    [InlineData("a'b")]
    [InlineData("a;b")]
    [InlineData("1abc")]
    [InlineData("a..b")]
    [InlineData("callback\n")]
    public async Task Callback_WithMarkupOrQuotes_Returns400(string callback)
    {
        var (client, id) = await ImageAsync();
        using var response = await client.GetAsync($"/3/image/{id}?callback={Uri.EscapeDataString(callback)}");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        await Envelope.ErrorAsync(response, 400);
    }

    [Fact]
    public async Task FakeStatus_Answers200WithTheRealStatusInTheBody()
    {
        var client = await app.AnonymousClientAsync();
        using var response = await client.GetAsync("/3/image/NoSuch1?_fake_status=200");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var envelope = await Envelope.ReadAsync(response);
        Assert.Equal(404, envelope.GetProperty("status").GetInt32());
        Assert.False(envelope.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task FakeStatus_WorksOnPostToo()
    {
        var client = await app.AnonymousClientAsync();
        using var response = await client.PostAsync("/3/image?_fake_status=200", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(400, (await Envelope.ReadAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ETag_IsADigestOfTheBody_AndIfNoneMatchAnswers304WithNoBody()
    {
        var (client, id) = await ImageAsync();
        using var first = await client.GetAsync($"/3/image/{id}");
        var etag = first.Headers.ETag!;
        Assert.Matches("^\"[0-9a-f]{40}\"$", etag.Tag);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/3/image/{id}");
        request.Headers.IfNoneMatch.Add(etag);
        using var cached = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
        Assert.Empty(await cached.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ETag_ChangesWhenTheImageChanges()
    {
        var client = await app.AnonymousClientAsync();
        var uploaded = await client.UploadAsync(TestImages.Png());
        var id = uploaded.GetProperty("id").GetString();
        var before = (await client.GetAsync($"/3/image/{id}")).Headers.ETag!;
        await Envelope.DataAsync(await client.PostAsync($"/3/image/{uploaded.GetProperty("deletehash").GetString()}",
            new FormUrlEncodedContent([new("title", "changed")])));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/3/image/{id}");
        request.Headers.IfNoneMatch.Add(before);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(before, response.Headers.ETag);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Envelope()
    {
        var client = await app.AnonymousClientAsync();
        using var response = await client.GetAsync("/3/no/such/route");
        await Envelope.ErrorAsync(response, 404);
    }

    [Fact]
    public async Task WrongMethod_Returns405Envelope()
    {
        var (client, id) = await ImageAsync();
        using var response = await client.PutAsync($"/3/image/{id}", new StringContent(""));
        await Envelope.ErrorAsync(response, 405);
    }

    [Fact]
    public async Task UnknownPageOutsideApi_Returns404Envelope()
    {
        using var response = await app.CreateClient().GetAsync("/no/such/page");
        await Envelope.ErrorAsync(response, 404);
    }
}

public sealed class AuthenticationTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task NoCredentials_OnARouteThatIsNotAPublicRead_Returns401AuthenticationRequired()
    {
        using var response = await app.CreateClient().GetAsync("/3/account/me/images");
        Assert.Equal("Authentication required", await Envelope.ErrorAsync(response, 401));
    }

    [Fact]
    public async Task UnknownClientId_Returns403InvalidClientId()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Client-ID", "0123456789abcde");
        using var response = await client.GetAsync("/3/image/abcdefg");
        Assert.Equal("Invalid client_id", await Envelope.ErrorAsync(response, 403));
    }

    [Fact]
    public async Task UnknownBearerToken_Returns403WithImgursExactMessage()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "0000000000000000000000000000000000000000");
        using var response = await client.GetAsync("/3/image/abcdefg");
        Assert.Equal("The access token provided is invalid.", await Envelope.ErrorAsync(response, 403));
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("revoked")]
    public async Task ExpiredOrRevokedBearerToken_Returns403WithImgursExactMessage(string state)
    {
        var user = await app.SignedInClientAsync();
        var grants = await app.WithDbAsync(db => db.AccessGrants.Where(g => g.AccountId == user.AccountId).Select(g => g.Id).ToListAsync());
        await app.WithDbAsync(db => state == "expired"
            ? db.AccessTokens.Where(t => grants.Contains(t.GrantId)).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, 1))
            : db.AccessGrants.Where(g => grants.Contains(g.Id)).ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAt, 1)));
        using var response = await user.Http.GetAsync("/3/image/abcdefg");
        Assert.Equal("The access token provided is invalid.", await Envelope.ErrorAsync(response, 403));
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Client-ID")]
    [InlineData("garbage")]
    public async Task MalformedAuthorization_Returns403(string header)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        using var response = await client.GetAsync("/3/image/abcdefg");
        await Envelope.ErrorAsync(response, 403);
    }

    [Fact]
    public async Task TokensAreStoredOnlyAsDigests()
    {
        var user = await app.SignedInClientAsync();
        var grant = await app.WithDbAsync(db => db.AccessGrants.SingleAsync(g => g.AccountId == user.AccountId));
        var accessToken = await app.WithDbAsync(db => db.AccessTokens.SingleAsync(t => t.GrantId == grant.Id));
        Assert.NotEqual(user.Token.AccessToken, accessToken.TokenHash);
        Assert.DoesNotContain(user.Token.AccessToken, accessToken.TokenHash, StringComparison.Ordinal);
        Assert.NotEqual(user.Token.RefreshToken, grant.RefreshTokenHash);
        Assert.Equal(40, user.Token.AccessToken.Length);
    }
}

public sealed class CorsTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task Preflight_FromAnyOrigin_IsAllowedWithoutCredentials()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/3/image");
        request.Headers.Add("Origin", "https://forum.example.org");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task ApiResponse_CarriesAllowOrigin()
    {
        var client = await app.AnonymousClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/3/image/NoSuch1");
        request.Headers.Add("Origin", "https://forum.example.org");
        using var response = await client.SendAsync(request);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
