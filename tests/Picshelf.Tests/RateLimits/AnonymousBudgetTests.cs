using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.ResponseHeaders;

namespace Picshelf.Tests.RateLimits;

/// <summary>
/// The budget of public reads made without credentials: its address's, for the clock hour, through a real socket behind
/// a trusted proxy (127.0.0.1) so that X-Forwarded-For names the address. In the scale-out run it is counted in Redis.
/// </summary>
public sealed class AnonymousBudgetTests : IAsyncLifetime
{
    private const int Budget = 3;

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 9, 20, 0, TimeSpan.Zero));
    private PicshelfApp app = null!;
    private Uri server = null!;

    public Task InitializeAsync()
    {
        app = new PicshelfApp()
            .With("urls", "http://127.0.0.1:0")
            .With("Network:TrustedProxies:0", "127.0.0.1")
            .With("RateLimits:AnonymousCreditsPerHour", Budget.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithClock(clock);
        app.UseKestrel();
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new Uri(address);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>A public read sent by the trusted proxy on behalf of <paramref name="forwardedFor"/>; the body is read before the answer returns.</summary>
    private async Task<HttpResponseMessage> ReadAsync(string forwardedFor, string? clientId = null)
    {
        using var http = new HttpClient { BaseAddress = server };
        var request = new HttpRequestMessage(HttpMethod.Get, "/3/gallery");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (clientId is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Client-ID", clientId);
        }
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task AnonymousBudget_CountsPerAddress_AndAnswers429InTheEnvelopeWhenSpent()
    {
        for (var remaining = Budget - 1; remaining >= 0; remaining--)
        {
            using var served = await ReadAsync("203.0.113.7");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(Budget, Header(served, "X-RateLimit-UserLimit"));
            Assert.Equal(remaining, Header(served, "X-RateLimit-UserRemaining"));
        }

        using var refused = await ReadAsync("203.0.113.7");

        var message = await Envelope.ErrorAsync(refused, 429);
        Assert.StartsWith($"This address has 0 of its {Budget} credits without credentials for this hour left", message, StringComparison.Ordinal);
        Assert.Equal(0, Header(refused, "X-RateLimit-UserRemaining"));
        Assert.Equal(40 * 60, Header(refused, "Retry-After"));
        Assert.False(refused.Headers.Contains("X-RateLimit-ClientRemaining"));
    }

    [Fact]
    public async Task TwoAddresses_HaveSeparateBudgets_AndAnApplicationsCallersDoNotDrawOnThem()
    {
        for (var i = 0; i < Budget; i++)
        {
            using var spent = await ReadAsync("203.0.113.7");
            Assert.Equal(HttpStatusCode.OK, spent.StatusCode);
        }

        using var otherAddress = await ReadAsync("203.0.113.8");
        using var withClientId = await ReadAsync("203.0.113.7", await app.RegisterClientAsync());

        Assert.Equal(Budget - 1, Header(otherAddress, "X-RateLimit-UserRemaining"));
        Assert.Equal(499, Header(withClientId, "X-RateLimit-UserRemaining"));
    }

    [Fact]
    public async Task SpentAnonymousBudget_ResetsOnTheHour()
    {
        for (var i = 0; i < Budget; i++)
        {
            (await ReadAsync("203.0.113.9")).Dispose();
        }
        using var refused = await ReadAsync("203.0.113.9");
        await Envelope.ErrorAsync(refused, 429);

        clock.Advance(TimeSpan.FromMinutes(40));
        using var served = await ReadAsync("203.0.113.9");

        Assert.Equal(Budget - 1, Header(served, "X-RateLimit-UserRemaining"));
    }
}
