using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Picshelf.Tests.Infrastructure;
using static Picshelf.Tests.Infrastructure.ResponseHeaders;

namespace Picshelf.Tests.RateLimits;

/// <summary>
/// Which address a user's budget belongs to, through real sockets: the server listens on 127.0.0.1 and
/// each client connects from its own loopback address, as callers and proxies on a network would.
/// </summary>
public sealed class TrustedProxyTests
{
    private static async Task<(PicshelfApp App, Uri Address, string ClientId)> StartAsync(params string[] trustedProxies)
    {
        var app = new PicshelfApp().With("urls", "http://127.0.0.1:0");
        for (var i = 0; i < trustedProxies.Length; i++)
        {
            app.With($"Network:TrustedProxies:{i}", trustedProxies[i]);
        }
        app.UseKestrel();
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, new Uri(address), await app.RegisterClientAsync());
    }

    /// <summary>An HTTP client whose connections come from <paramref name="localAddress"/>.</summary>
    private static HttpClient From(string localAddress, Uri server, string clientId)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = server };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Client-ID", clientId);
        return client;
    }

    private static async Task<long> UserRemainingAsync(HttpClient client, string? forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/3/image/NoSuch1");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        return Header(response, "X-RateLimit-UserRemaining");
    }

    [Fact]
    public async Task EachSocketAddress_HasItsOwnUserBudget()
    {
        var (app, server, clientId) = await StartAsync();
        await using var _ = app;
        using var first = From("127.0.0.2", server, clientId);
        using var second = From("127.0.0.3", server, clientId);

        Assert.Equal(499, await UserRemainingAsync(first, null));
        Assert.Equal(499, await UserRemainingAsync(second, null));
        Assert.Equal(498, await UserRemainingAsync(first, null));
    }

    [Fact]
    public async Task WithoutTrustedProxies_SpoofedForwardedFor_IsIgnored()
    {
        var (app, server, clientId) = await StartAsync();
        await using var _ = app;
        using var client = From("127.0.0.4", server, clientId);

        Assert.Equal(499, await UserRemainingAsync(client, "203.0.113.7"));
        Assert.Equal(498, await UserRemainingAsync(client, "203.0.113.8"));
    }

    [Fact]
    public async Task ForwardedFor_FromAnAddressThatIsNotTheTrustedProxy_IsIgnored()
    {
        var (app, server, clientId) = await StartAsync("127.0.0.5");
        await using var _ = app;
        using var untrusted = From("127.0.0.6", server, clientId);

        Assert.Equal(499, await UserRemainingAsync(untrusted, "203.0.113.7"));
        Assert.Equal(498, await UserRemainingAsync(untrusted, "203.0.113.8"));
    }

    [Fact]
    public async Task ForwardedFor_FromTheTrustedProxy_NamesTheUser()
    {
        var (app, server, clientId) = await StartAsync("127.0.0.5");
        await using var _ = app;
        using var proxy = From("127.0.0.5", server, clientId);

        Assert.Equal(499, await UserRemainingAsync(proxy, "203.0.113.7"));
        Assert.Equal(499, await UserRemainingAsync(proxy, "203.0.113.8"));
        Assert.Equal(498, await UserRemainingAsync(proxy, "203.0.113.7"));
    }

    [Fact]
    public async Task TrustedNetwork_WalksBackThroughProxies_AndStopsAtTheFirstUntrustedHop()
    {
        var (app, server, clientId) = await StartAsync("127.0.0.0/8");
        await using var _ = app;
        using var proxy = From("127.0.0.7", server, clientId);

        // 127.0.0.9 is a second trusted proxy; 203.0.113.7 the user; whatever the user put before it is a lie.
        Assert.Equal(499, await UserRemainingAsync(proxy, "6.6.6.6, 203.0.113.7, 127.0.0.9"));
        Assert.Equal(498, await UserRemainingAsync(proxy, "7.7.7.7, 203.0.113.7"));
        Assert.Equal(499, await UserRemainingAsync(proxy, "198.51.100.1"));
    }

    [Fact]
    public void AnEntryThatIsNeitherAddressNorNetwork_StopsTheServerFromStarting()
    {
        using var app = new PicshelfApp().With("Network:TrustedProxies:0", "proxy.example");

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("'proxy.example' is neither an IP address nor a network", failure.ToString(), StringComparison.Ordinal);
    }
}
