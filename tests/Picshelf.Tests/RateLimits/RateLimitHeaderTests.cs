using System.Net;
using System.Net.Http.Headers;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.ResponseHeaders;

namespace Picshelf.Tests.RateLimits;

/// <summary>Every /3 answer, whatever route, method, status or format, tells the caller its credits.</summary>
public sealed class RateLimitHeaderTests(FixedClockApp app) : IClassFixture<FixedClockApp>
{
    private static readonly string[] CreditHeaders =
        ["X-RateLimit-UserLimit", "X-RateLimit-UserRemaining", "X-RateLimit-UserReset", "X-RateLimit-ClientLimit", "X-RateLimit-ClientRemaining"];

    private static readonly string[] PostHeaders = ["X-Post-Rate-Limit-Limit", "X-Post-Rate-Limit-Remaining", "X-Post-Rate-Limit-Reset"];

    [Fact]
    public async Task Get_CarriesDocumentedCreditHeaders_WithEpochUserReset()
    {
        var client = await app.AnonymousClientAsync();
        var image = await client.UploadAsync(TestImages.Png());

        using var response = await client.GetAsync($"/3/image/{image.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(500, Header(response, "X-RateLimit-UserLimit"));
        Assert.Equal(500 - 10 - 1, Header(response, "X-RateLimit-UserRemaining"));
        Assert.Equal(12_500, Header(response, "X-RateLimit-ClientLimit"));
        Assert.Equal(12_500 - 10 - 1, Header(response, "X-RateLimit-ClientRemaining"));
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 11, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), Header(response, "X-RateLimit-UserReset"));
        foreach (var name in PostHeaders)
        {
            Assert.False(response.Headers.Contains(name), $"{name} on a GET");
        }
    }

    [Fact]
    public async Task Upload_Costs10Credits_AndCarriesPostHeaders()
    {
        var client = await app.AnonymousClientAsync();

        using var response = await client.PostAsync("/3/image", Uploads.Multipart(TestImages.Png()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(12_490, Header(response, "X-RateLimit-ClientRemaining"));
        Assert.Equal(490, Header(response, "X-RateLimit-UserRemaining"));
        Assert.Equal(1_250, Header(response, "X-Post-Rate-Limit-Limit"));
        Assert.InRange(Header(response, "X-Post-Rate-Limit-Remaining"), 0, 1_249);
        Assert.Equal(40 * 60, Header(response, "X-Post-Rate-Limit-Reset"));
    }

    [Theory]
    [InlineData("GET", "/3/image/NoSuch1", 404)]
    [InlineData("GET", "/3/no/such/route", 404)]
    [InlineData("PUT", "/3/image/NoSuch1", 405)]
    [InlineData("DELETE", "/3/image/NoSuch1", 404)]
    [InlineData("POST", "/3/image/NoSuch1", 400)]
    [InlineData("POST", "/3/image/NoSuch1/favorite", 403)]
    [InlineData("GET", "/3/image/NoSuch1.xml", 404)]
    [InlineData("GET", "/3/image/NoSuch1?callback=cb", 404)]
    public async Task ErrorsAndEveryFormat_CarryCreditHeaders_AndCostOneCredit(string method, string path, int status)
    {
        var client = await app.AnonymousClientAsync();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, (int)response.StatusCode);
        foreach (var name in CreditHeaders)
        {
            Header(response, name);
        }
        Assert.Equal(12_499, Header(response, "X-RateLimit-ClientRemaining"));
        Assert.Equal(method == "POST", response.Headers.Contains("X-Post-Rate-Limit-Remaining"));
    }

    [Fact]
    public async Task UploadRefusedAsNotAnImage_StillCarriesHeaders()
    {
        var client = await app.AnonymousClientAsync();
        using var response = await client.PostAsync("/3/image", Uploads.Multipart("not an image"u8.ToArray()));

        Assert.True((int)response.StatusCode is 400 or 415);
        Assert.Equal(12_490, Header(response, "X-RateLimit-ClientRemaining"));
        Header(response, "X-Post-Rate-Limit-Remaining");
    }

    [Fact]
    public async Task NotModified_StillCostsACredit()
    {
        var client = await app.AnonymousClientAsync();
        var id = (await client.UploadAsync(TestImages.Png())).GetProperty("id").GetString();
        using var first = await client.GetAsync($"/3/image/{id}");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/3/image/{id}");
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(first.Headers.ETag!.ToString()));

        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(Header(first, "X-RateLimit-ClientRemaining") - 1, Header(second, "X-RateLimit-ClientRemaining"));
    }

    [Fact]
    public async Task DirectLinks_AreNotApiCalls_AndCostNothing()
    {
        var client = await app.AnonymousClientAsync();
        var image = await client.UploadAsync(TestImages.Png());
        var link = new Uri(image.GetProperty("link").GetString()!).AbsolutePath;

        using var direct = await client.GetAsync(link);
        using var credits = await client.GetAsync("/3/credits");

        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.False(direct.Headers.Contains("X-RateLimit-ClientRemaining"));
        Assert.Equal(12_490, Header(credits, "X-RateLimit-ClientRemaining"));
    }

    [Fact]
    public async Task MissingCredentials_OnARouteThatIsNotAPublicRead_AreRefusedBeforeAnyCharge()
    {
        using var anonymous = app.CreateClient();
        using var response = await anonymous.GetAsync("/3/account/me/images");

        await Envelope.ErrorAsync(response, 401);
        Assert.False(response.Headers.Contains("X-RateLimit-ClientRemaining"));
    }

    [Fact]
    public async Task Cors_ExposesTheCreditHeadersToBrowsers()
    {
        var client = await app.AnonymousClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/3/credits");
        request.Headers.Add("Origin", "https://forum.example");

        using var response = await client.SendAsync(request);

        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers"));
        foreach (var name in CreditHeaders.Concat(PostHeaders).Append("Retry-After"))
        {
            Assert.Contains(name, exposed, StringComparison.OrdinalIgnoreCase);
        }
    }
}
