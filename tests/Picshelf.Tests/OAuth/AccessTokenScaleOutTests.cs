using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Picshelf.OAuth;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.OAuth;

/// <summary>
/// Two Picshelf processes over one PostgreSQL and Redis: a token that one process revokes (the oldest past the cap on a
/// refresh, or all of an account's when it is deleted) is refused by the other, which had it cached, within seconds
/// rather than when its cache would have let it go.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class AccessTokenScaleOutTests(SharedBackends backends) : IClassFixture<SharedBackends>, IDisposable
{
    private const string Password = "two installs, one account";

    private readonly string data = Directory.CreateTempSubdirectory("picshelf-token-scale-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    private static HttpClient Through(PicshelfServer server, string accessToken)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }

    /// <summary>
    /// A call with the token through the server; one made before a revocation puts the token in that server's cache. It
    /// reads nothing but the caller, so only the cache can refuse it (an account route would find the account gone).
    /// </summary>
    private static async Task<HttpStatusCode> CallAsync(PicshelfServer server, string accessToken)
    {
        using var http = Through(server, accessToken);
        using var response = await http.GetAsync("/3/credits");
        return response.StatusCode;
    }

    /// <summary>
    /// Invalidations travel through Redis, so the other process may take a moment; well under the time its cache keeps a
    /// token, or the refusal would prove nothing about them.
    /// </summary>
    private static async Task AssertRefusedSoonAsync(PicshelfServer server, string accessToken)
    {
        var waited = Stopwatch.StartNew();
        var deadline = CallerDirectory.CacheTime / 3;
        HttpStatusCode status;
        while ((status = await CallAsync(server, accessToken)) != HttpStatusCode.Forbidden && waited.Elapsed < deadline)
        {
            await Task.Delay(100);
        }
        Assert.True(status == HttpStatusCode.Forbidden, $"still {(int)status} after {waited.Elapsed}");
    }

    private static async Task<string> RefreshAsync(PicshelfServer server, string clientId, string secret, string refreshToken)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["client_id"] = clientId, ["client_secret"] = secret, ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }));
        var token = await Envelope.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the refresh answered {(int)response.StatusCode}: {token}");
        return token.GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task TokensRevokedThroughOneProcess_AreRefusedByTheOtherWithinSeconds()
    {
        var settings = await backends.NewInstallationAsync();
        string[] configuration = [.. settings.Select(s => $"--{s.Key}={s.Value}"), "--RateLimits:Enabled=false", "--OAuth:MaxAccessTokensPerGrant=2"];
        async Task<JsonElement> VerbAsync(params string[] verb) =>
            (await PicshelfProcess.RunAsync([.. verb, "--data", Path.Combine(data, "cli"), .. configuration])).Json();
        var application = await VerbAsync("clients", "create", "--name", "Desktop and phone");
        var (clientId, secret) = (application.GetProperty("client_id").GetString()!, application.GetProperty("client_secret").GetString()!);
        var username = "installs" + Guid.NewGuid().ToString("N")[..6];
        await VerbAsync("users", "create", "--username", username, "--email", $"{username}@example.com", "--password", Password);
        var grant = await VerbAsync("tokens", "create", "--client-id", clientId, "--username", username);
        var (first, refreshToken) = (grant.GetProperty("access_token").GetString()!, grant.GetProperty("refresh_token").GetString()!);
        await using var a = await PicshelfServer.StartAsync(Path.Combine(data, "a"), configuration);
        await using var b = await PicshelfServer.StartAsync(Path.Combine(data, "b"), configuration);

        Assert.Equal(HttpStatusCode.OK, await CallAsync(b, first));
        var second = await RefreshAsync(a, clientId, secret, refreshToken);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(b, first));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(b, second));
        var third = await RefreshAsync(a, clientId, secret, refreshToken);

        await AssertRefusedSoonAsync(b, first);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(b, second));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(b, third));

        using var deleting = Through(a, third);
        using var deleted = await deleting.PostAsync("/3/account/me/delete", Forms.Form(("password", Password)));
        Assert.True((await Envelope.DataAsync(deleted)).GetBoolean());

        await AssertRefusedSoonAsync(b, second);
        await AssertRefusedSoonAsync(b, third);
    }
}
