using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Picshelf.Api;

public static class TrustedProxies
{
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, NetworkOptions network)
    {
        // The forwarded-headers middleware trusts every sender when it is given no proxy at all, so with
        // none configured it must not run.
        if (network.TrustedProxies.Length == 0)
        {
            return app;
        }
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Walk back through every trusted hop; the middleware stops at the first address it does not trust.
            ForwardLimit = null,
        };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var entry in network.TrustedProxies)
        {
            var text = entry.Trim();
            if (IPAddress.TryParse(text, out var proxy))
            {
                // The middleware compares IPv4 peers of dual-stack sockets (::ffff:a.b.c.d) as IPv4 itself.
                forwarded.KnownProxies.Add(proxy.IsIPv4MappedToIPv6 ? proxy.MapToIPv4() : proxy);
            }
            else if (System.Net.IPNetwork.TryParse(text, out var trustedNetwork))
            {
                forwarded.KnownIPNetworks.Add(trustedNetwork);
            }
            else
            {
                throw new InvalidOperationException($"Network:TrustedProxies: '{entry}' is neither an IP address nor a network in CIDR form");
            }
        }
        return app.UseForwardedHeaders(forwarded);
    }
}
