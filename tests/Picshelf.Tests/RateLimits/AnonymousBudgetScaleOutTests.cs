using System.Net;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.RateLimits;

/// <summary>
/// Two Picshelf processes over one PostgreSQL and Redis: an address's budget of public reads without credentials is
/// one budget, counted in Redis, whichever process the reads go through.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class AnonymousBudgetScaleOutTests(SharedBackends backends) : IClassFixture<SharedBackends>, IDisposable
{
    private const int Budget = 4;

    private readonly string data = Directory.CreateTempSubdirectory("picshelf-anonymous-scale-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    /// <summary>A public read without credentials, sent by the trusted proxy (127.0.0.1) on behalf of <paramref name="address"/>.</summary>
    private static async Task<HttpStatusCode> ReadAsync(PicshelfServer server, string address)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/3/gallery");
        request.Headers.Add("X-Forwarded-For", address);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task AnAddresssBudget_IsSharedByEveryProcess()
    {
        var settings = await backends.NewInstallationAsync();
        string[] configuration =
        [
            .. settings.Select(s => $"--{s.Key}={s.Value}"), "--Network:TrustedProxies:0=127.0.0.1", $"--RateLimits:AnonymousCreditsPerHour={Budget}",
        ];
        await using var a = await PicshelfServer.StartAsync(Path.Combine(data, "a"), configuration);
        await using var b = await PicshelfServer.StartAsync(Path.Combine(data, "b"), configuration);

        var answers = new List<HttpStatusCode>();
        for (var n = 0; n < Budget + 2; n++)
        {
            answers.Add(await ReadAsync(n % 2 == 0 ? a : b, "198.51.100.20"));
        }
        var otherAddress = await ReadAsync(b, "198.51.100.21");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, Budget), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, otherAddress);
    }
}
