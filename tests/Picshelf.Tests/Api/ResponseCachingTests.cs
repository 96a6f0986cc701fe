using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Api;

/// <summary>Which answers a browser or a proxy may keep, and under which credentials.</summary>
public sealed class ResponseCachingTests(PicshelfApp app) : IClassFixture<PicshelfApp>
{
    [Fact]
    public async Task AnUploadsAnswer_HoldsItsDeletehash_SoItIsNeverStored()
    {
        var client = await app.AnonymousClientAsync();

        using var response = await client.PostAsync("/3/image", Uploads.Multipart(TestImages.Png()));

        Assert.NotNull((await Envelope.DataAsync(response)).GetProperty("deletehash").GetString());
        AssertNotStored(response);
        AssertVariesWithCredentials(response);
    }

    [Fact]
    public async Task TheOwnersRead_IsNeverStored_WhileAnotherCallersReadOfTheSameImage_MayBe()
    {
        var owner = await app.SignedInClientAsync();
        var id = (await owner.Http.UploadAsync(TestImages.Png())).GetProperty("id").GetString();
        var stranger = await app.AnonymousClientAsync();

        using var own = await owner.Http.GetAsync($"/3/image/{id}");
        using var ownXml = await owner.Http.GetAsync($"/3/image/{id}.xml");
        using var theirs = await stranger.GetAsync($"/3/image/{id}");

        AssertNotStored(own);
        AssertNotStored(ownXml);
        Assert.False(theirs.Headers.CacheControl?.NoStore ?? false);
        Assert.NotNull(theirs.Headers.ETag);
        AssertVariesWithCredentials(own);
        AssertVariesWithCredentials(theirs);
    }

    [Fact]
    public async Task AccountSettings_HoldTheEmailAddress_SoTheyAreNeverStored()
    {
        var owner = await app.SignedInClientAsync();

        using var response = await owner.Http.GetAsync($"/3/account/{owner.Username}/settings");

        Assert.Equal($"{owner.Username}@example.com", (await Envelope.DataAsync(response)).GetProperty("email").GetString());
        AssertNotStored(response);
        AssertVariesWithCredentials(response);
    }

    [Fact]
    public async Task ANewAlbumsDeletehash_IsNeverStored()
    {
        var client = await app.AnonymousClientAsync();

        using var response = await client.PostAsync("/3/album", Forms.Form(("title", "kept nowhere")));

        Assert.NotNull((await Envelope.DataAsync(response)).GetProperty("deletehash").GetString());
        AssertNotStored(response);
    }

    [Fact]
    public async Task TextThatSpellsADeletehashProperty_DoesNotMakeAPublicAnswerPrivate()
    {
        var uploader = await app.AnonymousClientAsync();
        var id = (await uploader.UploadAsync(TestImages.Png(), ("title", "\"deletehash\":\"abc\""))).GetProperty("id").GetString();
        var stranger = await app.AnonymousClientAsync();

        using var response = await stranger.GetAsync($"/3/image/{id}");

        Assert.Equal("\"deletehash\":\"abc\"", (await Envelope.DataAsync(response)).GetProperty("title").GetString());
        Assert.False(response.Headers.CacheControl?.NoStore ?? false);
    }

    [Fact]
    public async Task ARefusalForMissingCredentials_VariesWithThem()
    {
        using var response = await app.CreateClient().GetAsync("/3/credits");

        Assert.Equal("Authentication required", await Envelope.ErrorAsync(response, 401));
        AssertVariesWithCredentials(response);
    }

    private static void AssertNotStored(HttpResponseMessage response) =>
        Assert.True(response.Headers.CacheControl?.NoStore, $"no Cache-Control: no-store on {response.RequestMessage!.RequestUri}");

    private static void AssertVariesWithCredentials(HttpResponseMessage response) =>
        Assert.Contains("Authorization", response.Headers.Vary);
}
