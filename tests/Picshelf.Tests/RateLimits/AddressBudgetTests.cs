using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Picshelf.RateLimits;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.ResponseHeaders;

namespace Picshelf.Tests.RateLimits;

/// <summary>
/// The scenario: fresh accounts from one address, each authorizing one public application, drained its day.
/// Accounts cost nothing, so they must not bring budget: together they get one user's hour, and the application's
/// users elsewhere keep theirs. Told once for any set of servers behind a trusted proxy (127.0.0.1), which names each
/// caller's address in <c>X-Forwarded-For</c>.
/// </summary>
public static class AddressBudgetScenario
{
    public const int CreditsPerDay = 100;
    public const int UserCreditsPerHour = 4;
    public const int Accounts = 5;

    private const string Drainer = "198.51.100.40";
    private const string Elsewhere = "203.0.113.7";

    public static readonly string[] Settings = ["Network:TrustedProxies:0=127.0.0.1"];

    private static async Task<HttpResponseMessage> CallAsync(Uri server, string accessToken, string address)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/3/image/NoSuch1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Add("X-Forwarded-For", address);
        return await http.SendAsync(request);
    }

    /// <summary>
    /// Waits past the end of the clock hour when it is less than a minute away: the budgets are hourly windows, and
    /// servers of their own run on the real clock, so calls split between two hours would find a second budget.
    /// </summary>
    public static async Task WaitPastANearHourEndAsync()
    {
        var untilTheHourEnds = TimeSpan.FromHours(1) - TimeSpan.FromTicks(DateTimeOffset.UtcNow.UtcTicks % TimeSpan.TicksPerHour);
        if (untilTheHourEnds < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(untilTheHourEnds + TimeSpan.FromSeconds(1));
        }
    }

    /// <param name="servers">Where the calls go, in turn.</param>
    /// <param name="drainers">Access tokens of <see cref="Accounts"/> accounts calling from one address.</param>
    /// <param name="user">An access token of the application's user at another address.</param>
    public static async Task AssertManyAccountsGetOneUsersHourAsync(IReadOnlyList<Uri> servers, IReadOnlyList<string> drainers, string user)
    {
        var charged = 0;
        var refused = new List<HttpResponseMessage>();
        var call = 0;
        foreach (var token in drainers)
        {
            for (var n = 0; n < UserCreditsPerHour; n++)
            {
                var response = await CallAsync(servers[call++ % servers.Count], token, Drainer);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    refused.Add(response);
                    continue;
                }
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                charged++;
                response.Dispose();
            }
        }
        using var elsewhere = await CallAsync(servers[call % servers.Count], user, Elsewhere);

        Assert.Equal(UserCreditsPerHour, charged);
        Assert.Equal(Accounts * UserCreditsPerHour - UserCreditsPerHour, refused.Count);
        var first = refused[0];
        Assert.Equal(0, Header(first, "X-RateLimit-UserRemaining"));
        Assert.True(first.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Your address has 0 of its 4 credits with this application for this hour left", await Envelope.ErrorAsync(first, 429), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(UserCreditsPerHour - 1, Header(elsewhere, "X-RateLimit-UserRemaining"));
        Assert.Equal(CreditsPerDay - UserCreditsPerHour - 1, Header(elsewhere, "X-RateLimit-ClientRemaining"));
        refused.ForEach(r => r.Dispose());
    }
}

/// <summary>The scenario in process, on whichever backend the run uses (SQLite and the in-memory counter, or PostgreSQL and Redis).</summary>
public sealed class AddressBudgetTests : IAsyncLifetime
{
    // A clock of its own, so that no run finds its calls split between two hours' budgets.
    private readonly PicshelfApp app = new PicshelfApp().With("urls", "http://127.0.0.1:0")
        .With(AddressBudgetScenario.Settings.Select(s => s.Split('=', 2)).Select(s => KeyValuePair.Create(s[0], (string?)s[1])))
        .WithClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FixedClockApp.Now));

    public Task InitializeAsync()
    {
        app.UseKestrel();
        app.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<string> TokenAsync(string clientId)
    {
        var signedIn = await app.SignedInClientAsync(clientId: clientId);
        signedIn.Http.Dispose();
        return signedIn.Token.AccessToken;
    }

    [Fact]
    public async Task ManyAccountsFromOneAddress_TogetherGetOneUsersHour_AndTheApplicationsOtherUsersKeepTheirs()
    {
        var server = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        var clientId = await app.RegisterClientAsync();
        await app.ChangeLimitsAsync(clientId, new ClientLimitsAdministration.Change(AddressBudgetScenario.CreditsPerDay, AddressBudgetScenario.UserCreditsPerHour, null, false));
        var drainers = new List<string>();
        for (var i = 0; i < AddressBudgetScenario.Accounts; i++)
        {
            drainers.Add(await TokenAsync(clientId));
        }

        await AddressBudgetScenario.AssertManyAccountsGetOneUsersHourAsync([server], drainers, await TokenAsync(clientId));
    }
}

/// <summary>The scenario through two processes over one PostgreSQL and Redis: the address's hour is one budget, counted in Redis.</summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed class AddressBudgetScaleOutTests(SharedBackends backends) : IClassFixture<SharedBackends>, IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("picshelf-address-scale-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    [Fact]
    public async Task ManyAccountsFromOneAddress_TogetherGetOneUsersHour_ThroughEitherProcess()
    {
        var settings = await backends.NewInstallationAsync();
        string[] configuration = [.. settings.Select(s => $"--{s.Key}={s.Value}"), .. AddressBudgetScenario.Settings.Select(s => "--" + s)];
        async Task<System.Text.Json.JsonElement> VerbAsync(params string[] verb) =>
            (await PicshelfProcess.RunAsync([.. verb, "--data", Path.Combine(data, "cli"), .. configuration])).Json();
        var clientId = (await VerbAsync("clients", "create", "--name", "Public app")).GetProperty("client_id").GetString()!;
        await VerbAsync("clients", "limits", "--client-id", clientId, "--credits-per-day", $"{AddressBudgetScenario.CreditsPerDay}",
            "--user-credits-per-hour", $"{AddressBudgetScenario.UserCreditsPerHour}");
        var tokens = new List<string>();
        for (var i = 0; i <= AddressBudgetScenario.Accounts; i++)
        {
            var username = "fresh" + Guid.NewGuid().ToString("N")[..8];
            await VerbAsync("users", "create", "--username", username, "--email", $"{username}@example.com", "--password", "correct horse battery");
            tokens.Add((await VerbAsync("tokens", "create", "--client-id", clientId, "--username", username)).GetProperty("access_token").GetString()!);
        }
        await using var a = await PicshelfServer.StartAsync(Path.Combine(data, "a"), configuration);
        await using var b = await PicshelfServer.StartAsync(Path.Combine(data, "b"), configuration);
        await AddressBudgetScenario.WaitPastANearHourEndAsync();

        await AddressBudgetScenario.AssertManyAccountsGetOneUsersHourAsync([a.BaseAddress, b.BaseAddress], tokens[..^1], tokens[^1]);
    }
}
