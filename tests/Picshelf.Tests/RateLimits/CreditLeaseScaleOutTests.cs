using System.Net;
using System.Text.RegularExpressions;
using Picshelf.RateLimits;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.RateLimits;

/// <summary>
/// Two Picshelf processes over one PostgreSQL and Redis, charging one budget in bursts: each reserves credits in leases
/// and spends them without asking Redis (<see cref="CreditLeases"/>), and still the budget is never overspent, and what
/// a process reserved and did not spend is given back for the others to spend.
/// </summary>
[Trait(TestBackend.Trait, TestBackend.Own)]
public sealed partial class CreditLeaseScaleOutTests(SharedBackends backends) : IClassFixture<SharedBackends>, IDisposable
{
    private const string Address = "198.51.100.30";

    private readonly string data = Directory.CreateTempSubdirectory("picshelf-leases-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    private async Task<(PicshelfServer A, PicshelfServer B, string KeyPrefix)> TwoProcessesAsync(int budget)
    {
        var settings = await backends.NewInstallationAsync();
        // A first charge also connects to Redis; on a loaded machine that once outlasted the default half second, and a
        // process that cannot reach Redis counts alone, as it must (RedisCounterTests). This class is about sharing.
        string[] configuration =
        [
            .. settings.Select(s => $"--{s.Key}={s.Value}"), "--Network:TrustedProxies:0=127.0.0.1", $"--RateLimits:AnonymousCreditsPerHour={budget}",
            "--Redis:OperationTimeout=00:00:10",
        ];
        var a = await PicshelfServer.StartAsync(Path.Combine(data, "a"), configuration);
        var b = await PicshelfServer.StartAsync(Path.Combine(data, "b"), configuration);
        return (a, b, settings.Single(s => s.Key == "Redis:KeyPrefix").Value!);
    }

    /// <summary>A public read without credentials (one credit of the address's budget), sent by the trusted proxy for <see cref="Address"/>.</summary>
    private static async Task<HttpStatusCode> ReadAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/3/gallery");
        request.Headers.Add("X-Forwarded-For", Address);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static HttpClient ClientOf(PicshelfServer server) => new() { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The address's count of this hour in Redis: spent, and reserved by leases not given back.</summary>
    private async Task<long> CountedInRedisAsync(string keyPrefix)
    {
        var keys = await backends.Redis.CommandAsync($"KEYS {keyPrefix}a:*");
        var key = KeyLine().Matches(keys).Select(m => m.Groups[1].Value).Single();
        var value = await backends.Redis.CommandAsync($"GET {key}");
        return long.Parse(value.Split("\r\n")[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\r\n(\S+:a:\S+)\r\n")]
    private static partial Regex KeyLine();

    /// <summary>Reads until one is refused, up to <paramref name="most"/>: how many were served.</summary>
    private static async Task<int> ServedUntilRefusedAsync(HttpClient http, int most)
    {
        var served = 0;
        while (served < most && await ReadAsync(http) == HttpStatusCode.OK)
        {
            served++;
        }
        return served;
    }

    [Fact]
    public async Task TwoHundredConcurrentReadsThroughTwoProcesses_AgainstABudgetOf50_NeverSpendMore_AndWhatWasLeasedComesBack()
    {
        const int budget = 50;
        var (a, b, _) = await TwoProcessesAsync(budget);
        await using var _a = a;
        await using var _b = b;
        using var httpA = ClientOf(a);
        using var httpB = ClientOf(b);

        var burst = await Task.WhenAll(Enumerable.Range(0, 200).Select(n => ReadAsync(n % 2 == 0 ? httpA : httpB)));
        var servedInBurst = burst.Count(s => s == HttpStatusCode.OK);
        // What a process still held when the burst ended is given back after a second without charges.
        await Task.Delay(CreditLeases.IdleAfter * 3);
        var servedAfter = await ServedUntilRefusedAsync(httpB, budget) + await ServedUntilRefusedAsync(httpA, budget);

        var logs = $"A:\n{a.Output}\nB:\n{b.Output}";
        Assert.All(burst, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.True(servedInBurst is >= 1 and <= budget, $"{servedInBurst} served in the burst\n{logs}");
        Assert.True(servedInBurst + servedAfter == budget, $"{servedInBurst} + {servedAfter} served\n{logs}");
    }

    /// <summary>A stops at once after the bursts (SIGTERM), so only its stop can give its leases back; B's idle.</summary>
    [Fact]
    public async Task ABudgetChargedInBursts_IsCountedInRedisExactly_OnceLeasesAreGivenBackByAStoppingProcessAndAnIdleOne()
    {
        var (a, b, keyPrefix) = await TwoProcessesAsync(budget: 1_000_000);
        await using var _a = a;
        await using var _b = b;
        using var httpA = ClientOf(a);
        using var httpB = ClientOf(b);

        var served = 0;
        for (var round = 0; round < 3; round++)
        {
            var burst = await Task.WhenAll(Enumerable.Range(0, 300).Select(n => ReadAsync(n % 3 == 0 ? httpB : httpA)));
            served += burst.Count(s => s == HttpStatusCode.OK);
        }
        var stopped = await a.StopAsync();
        await Task.Delay(CreditLeases.IdleAfter * 3);

        var logs = $"A:\n{a.Output}\nB:\n{b.Output}";
        Assert.Equal(0, stopped);
        Assert.Equal(900, served);
        var counted = await CountedInRedisAsync(keyPrefix);
        Assert.True(counted == 900, $"{counted} counted in Redis\n{logs}");
    }
}
