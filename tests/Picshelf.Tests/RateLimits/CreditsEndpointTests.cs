using System.Net;
using System.Text.Json;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.ResponseHeaders;

namespace Picshelf.Tests.RateLimits;

public sealed class CreditsEndpointTests(FixedClockApp app) : IClassFixture<FixedClockApp>
{
    [Fact]
    public async Task Credits_WithClientId_AnswersPascalCaseIntegers_AsSpec218()
    {
        var client = await app.AnonymousClientAsync();
        await client.UploadAsync(TestImages.Png());

        using var response = await client.GetAsync("/3/credits");
        var credits = await Envelope.DataAsync(response);

        Assert.Equal(["UserLimit", "UserRemaining", "UserReset", "ClientLimit", "ClientRemaining"], credits.EnumerateObject().Select(p => p.Name));
        Assert.All(credits.EnumerateObject(), p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));
        Assert.Equal(500, credits.GetProperty("UserLimit").GetInt64());
        Assert.Equal(490, credits.GetProperty("UserRemaining").GetInt64());
        Assert.Equal(12_500, credits.GetProperty("ClientLimit").GetInt64());
        Assert.Equal(12_490, credits.GetProperty("ClientRemaining").GetInt64());
        Assert.Equal(Header(response, "X-RateLimit-UserReset"), credits.GetProperty("UserReset").GetInt64());
        Assert.Equal(0, credits.GetProperty("UserReset").GetInt64() % 3600);
    }

    [Fact]
    public async Task Credits_IsFree()
    {
        var client = await app.AnonymousClientAsync();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/3/credits");
            Assert.Equal(12_500, (await Envelope.DataAsync(response)).GetProperty("ClientRemaining").GetInt64());
            Assert.Equal(12_500, Header(response, "X-RateLimit-ClientRemaining"));
        }
    }

    [Fact]
    public async Task Credits_WithoutAuthorization_Is401WithImgurEnvelope()
    {
        using var anonymous = app.CreateClient();
        using var response = await anonymous.GetAsync("/3/credits");

        Assert.Equal("{\"data\":{\"error\":\"Authentication required\",\"request\":\"/3/credits\",\"method\":\"GET\"},\"success\":false,\"status\":401}",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Credits_WithBearer_CountsTheAccountNotTheAddress()
    {
        var first = await app.SignedInClientAsync();
        await first.Http.UploadAsync(TestImages.Png());
        var second = await app.SignedInClientAsync();

        using var response = await second.Http.GetAsync("/3/credits");
        var credits = await Envelope.DataAsync(response);

        Assert.Equal(500, credits.GetProperty("UserRemaining").GetInt64());
    }
}

public sealed class CreditsWithoutLimiterTests(CreditsWithoutLimiterTests.App app) : IClassFixture<CreditsWithoutLimiterTests.App>
{
    public sealed class App : FixedClockApp
    {
        public App() => With("RateLimits:Enabled", "false");
    }

    [Fact]
    public async Task DisabledLimiter_ChargesNothing_SendsNoHeaders_AndCreditsShowWholeBudgets()
    {
        var client = await app.AnonymousClientAsync();
        using var upload = await client.PostAsync("/3/image", Uploads.Multipart(TestImages.Png()));
        using var response = await client.GetAsync("/3/credits");
        var credits = await Envelope.DataAsync(response);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.False(upload.Headers.Contains("X-RateLimit-ClientRemaining"));
        Assert.False(upload.Headers.Contains("X-Post-Rate-Limit-Remaining"));
        Assert.Equal(12_500, credits.GetProperty("ClientRemaining").GetInt64());
        Assert.Equal(500, credits.GetProperty("UserRemaining").GetInt64());
    }
}
