using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Picshelf.Api;
using Picshelf.Media;

namespace Picshelf.Images;

/// <summary>
/// Fetches an image for an upload by URL. The address check runs on the address actually connected
/// to, inside the connection callback, so neither DNS rebinding nor a redirect can reach a loopback,
/// private, link-local or multicast address unless <c>Uploads:UrlAllowList</c> names it.
/// </summary>
public sealed class RemoteImageFetcher : IDisposable
{
    private readonly HttpClient http;
    private readonly UploadOptions options;
    private readonly IReadOnlyList<IPNetwork> allowed;

    private readonly ILogger<RemoteImageFetcher> logger;

    public RemoteImageFetcher(IOptions<UploadOptions> options, ILogger<RemoteImageFetcher> logger)
    {
        this.logger = logger;
        this.options = options.Value;
        allowed = this.options.UrlAllowList.Select(ParseNetwork).ToList();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = this.options.UrlTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Picshelf/1.0 (+image upload by URL)");
    }

    public async Task FetchAsync(string url, StagedFile destination, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.UrlTimeout);
        try
        {
            var target = ParseUrl(url);
            for (var redirects = 0; ; redirects++)
            {
                using var response = await http.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (redirects >= options.UrlMaxRedirects)
                    {
                        throw ApiException.BadRequest($"The URL redirected more than {options.UrlMaxRedirects} times");
                    }
                    target = Uri.TryCreate(target, location, out var next)
                        ? ParseUrl(next.ToString())
                        : throw ApiException.BadRequest("The URL redirected to an invalid address");
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw ApiException.BadRequest($"Could not fetch the URL: the server answered {(int)response.StatusCode}");
                }
                if (response.Content.Headers.ContentLength > Math.Max(options.MaxImageBytes, options.MaxVideoBytes))
                {
                    throw ApiException.BadRequest("The image at the URL is over the size limit");
                }
                await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
                await using var file = destination.OpenWrite();
                // A video may be as large as the video limit; anything else is held to the image limit.
                await LimitedCopy.CopyAsync(body, file, first => VideoContainer.Sniff(first.Span) is not null ? options.MaxVideoBytes : options.MaxImageBytes,
                    () => ApiException.BadRequest("The image at the URL is over the size limit"), timeout.Token);
                // The last read may have finished on the runtime's socket thread (InlineSocketCompletions): the upload goes
                // on with SQLite and image checks, which must not hold it.
                await Task.Yield();
                return;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw ApiException.BadRequest("Fetching the URL timed out");
        }
        catch (HttpRequestException failure) when (failure.InnerException is RefusedAddressException refused)
        {
            throw ApiException.BadRequest(refused.Message);
        }
        catch (Exception failure) when (failure is HttpRequestException or IOException)
        {
            // The details (refused ports, DNS answers) would turn uploads into a network scanner; they go to the log.
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation(failure, "Fetching {Url} for an upload failed", url);
            }
            throw ApiException.BadRequest("Could not fetch the URL");
        }
    }

    private static Uri ParseUrl(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw ApiException.BadRequest("The image URL must be an absolute http or https URL");
        }
        return uri;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var permitted = addresses.Where(IsPermitted).ToList();
        if (permitted.Count == 0)
        {
            throw new RefusedAddressException($"The URL's host {host} is a loopback, private, link-local or multicast address, which uploads may not reach");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted.Select(a => (EndPoint)new IPEndPoint(a, context.DnsEndPoint.Port)).First(), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool IsPermitted(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return allowed.Any(n => n.Contains(address)) || IsPublic(address);
    }

    public static bool IsPublic(IPAddress address)
    {
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && (b[1] & 0xC0) == 64)          // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && (b[1] & 0xF0) == 16)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] & 0xFE) == 18)           // benchmarking
                || b[0] >= 224);                                  // multicast and reserved
        }
        var bytes = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (bytes[0] & 0xFE) == 0xFC                              // unique local
            || address.IsIPv6Teredo
            || (bytes[0] == 0x20 && bytes[1] == 0x02)                 // 6to4 can wrap a private IPv4 address
            || (bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == 0xFF && bytes[3] == 0x9B)  // NAT64, 64:ff9b::/96 and 64:ff9b:1::/48
            || bytes.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0);     // ::/64 holds the IPv4-compatible and -translated forms
    }

    private static IPNetwork ParseNetwork(string entry)
    {
        if (IPNetwork.TryParse(entry, out var network))
        {
            return network;
        }
        if (IPAddress.TryParse(entry, out var address))
        {
            return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        }
        throw new OptionsValidationException(UploadOptions.Section, typeof(UploadOptions),
            [$"Uploads:UrlAllowList entry '{entry}' is neither an IP address nor a CIDR network"]);
    }

    public void Dispose() => http.Dispose();

    private sealed class RefusedAddressException(string message) : IOException(message);
}
