using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Picshelf.Accounts;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Web;

/// <summary>
/// Two Picshelf processes over one PostgreSQL and Redis, with the same keys, so one cookie works on both: a sign-out
/// through one process, or an operator's <c>users disable</c>, ends the session on the other within the time a process may
/// trust a stamp it read.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class SessionScaleOutTests(SharedBackends backends) : IClassFixture<SharedBackends>, IDisposable
{
    private const string Password = "one session, two processes";

    private readonly string data = Directory.CreateTempSubdirectory("picshelf-session-scale-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    private static async Task<HttpStatusCode> AppsPageAsync(PicshelfServer server, string cookieHeader)
    {
        using var bare = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/settings/apps");
        request.Headers.Add("Cookie", cookieHeader);
        using var response = await bare.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The other process may still trust the stamp it read for <see cref="AccountSessions.CheckInterval"/>, no longer.</summary>
    private static async Task AssertEndedSoonAsync(PicshelfServer server, string cookieHeader)
    {
        var waited = Stopwatch.StartNew();
        var deadline = AccountSessions.CheckInterval + TimeSpan.FromSeconds(1);
        HttpStatusCode status;
        while ((status = await AppsPageAsync(server, cookieHeader)) == HttpStatusCode.OK && waited.Elapsed < deadline)
        {
            await Task.Delay(100);
        }
        Assert.True(status == HttpStatusCode.Redirect, $"still {(int)status} after {waited.Elapsed}");
    }

    [Fact]
    public async Task SignOutOrDisableThroughOneProcess_EndsTheSessionOnTheOther()
    {
        var settings = await backends.NewInstallationAsync();
        string[] configuration = [.. settings.Select(s => $"--{s.Key}={s.Value}"), "--RateLimits:Enabled=false", $"--Web:KeysDirectory={Path.Combine(data, "keys")}"];
        async Task<JsonElement> VerbAsync(params string[] verb) =>
            (await PicshelfProcess.RunAsync([.. verb, "--data", Path.Combine(data, "cli"), .. configuration])).Json();
        var application = await VerbAsync("clients", "create", "--name", "Two processes");
        var (clientId, secret) = (application.GetProperty("client_id").GetString()!, application.GetProperty("client_secret").GetString()!);
        var username = "sessions" + Guid.NewGuid().ToString("N")[..6];
        await VerbAsync("users", "create", "--username", username, "--email", $"{username}@example.com", "--password", Password);
        var refreshToken = (await VerbAsync("tokens", "create", "--client-id", clientId, "--username", username)).GetProperty("refresh_token").GetString()!;
        await using var a = await PicshelfServer.StartAsync(Path.Combine(data, "a"), configuration);
        await using var b = await PicshelfServer.StartAsync(Path.Combine(data, "b"), configuration);

        using (var browser = new BrowserSession(a.BaseAddress))
        {
            await browser.SignInAsync(username, Password);
            var cookie = browser.CookieHeader;
            Assert.Equal(HttpStatusCode.OK, await AppsPageAsync(b, cookie));

            await browser.GetAsync("/account/settings/apps");
            using var signedOut = await browser.SubmitAsync("/signout");

            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
            await AssertEndedSoonAsync(b, cookie);
        }

        using (var browser = new BrowserSession(b.BaseAddress))
        {
            await browser.SignInAsync(username, Password);
            var cookie = browser.CookieHeader;
            Assert.Equal(HttpStatusCode.OK, await AppsPageAsync(a, cookie));

            Assert.True((await VerbAsync("users", "disable", "--username", username)).GetBoolean());

            await AssertEndedSoonAsync(a, cookie);
            await AssertEndedSoonAsync(b, cookie);
            using var http = new HttpClient { BaseAddress = a.BaseAddress };
            using var refresh = await http.PostAsync("/oauth2/token", Forms.Form(("client_id", clientId), ("client_secret", secret),
                ("grant_type", "refresh_token"), ("refresh_token", refreshToken)));
            Assert.Equal("This account is disabled", await Envelope.ErrorAsync(refresh, 400));
        }
    }
}
