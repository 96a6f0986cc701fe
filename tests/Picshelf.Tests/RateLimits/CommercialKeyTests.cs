using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.RateLimits;

public sealed class CommercialKeyTests(CommercialKeyTests.App app) : IClassFixture<CommercialKeyTests.App>
{
    public sealed class App : FixedClockApp
    {
        public App() => With("RateLimits:PostsPerHour", "1").With("RateLimits:CommercialKeys:0", "gateway-key-1");
    }

    private static async Task<HttpStatusCode[]> PostTwiceAsync(HttpClient client, string? header, string? key)
    {
        var statuses = new HttpStatusCode[2];
        for (var i = 0; i < 2; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/3/image/NoSuch1") { Content = new FormUrlEncodedContent([new("title", "x")]) };
            if (header is not null)
            {
                request.Headers.Add(header, key);
            }
            using var response = await client.SendAsync(request);
            statuses[i] = response.StatusCode;
        }
        return statuses;
    }

    [Theory]
    [InlineData("X-Mashape-Key")]
    [InlineData("X-RapidAPI-Key")]
    public async Task ConfiguredKeyInAGatewayHeader_IsExemptFromThePostLimit(string header)
    {
        var client = await app.AnonymousClientAsync();
        await PostTwiceAsync(await app.AnonymousClientAsync(), null, null);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], await PostTwiceAsync(client, header, "gateway-key-1"));
    }

    [Fact]
    public async Task UnknownKey_IsNotExempt()
    {
        var client = await app.AnonymousClientAsync();
        await PostTwiceAsync(await app.AnonymousClientAsync(), null, null);

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], await PostTwiceAsync(client, "X-RapidAPI-Key", "guessed"));
    }
}
