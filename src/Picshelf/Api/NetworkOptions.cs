namespace Picshelf.Api;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. Anyone can
/// send those headers, so with no proxy listed (the default, loopback included) the socket's address is
/// the caller's address; each listed proxy, or network in CIDR form, lets one hop through.
/// </summary>
public sealed class NetworkOptions
{
    public const string Section = "Network";

    public string[] TrustedProxies { get; set; } = [];
}
