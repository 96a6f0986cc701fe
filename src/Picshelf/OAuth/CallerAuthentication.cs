using Microsoft.Extensions.Options;
using Picshelf.Api;

namespace Picshelf.OAuth;

/// <summary>
/// Resolves <c>Authorization: Client-ID …</c> and <c>Authorization: Bearer …</c> for every <c>/3/</c> call, once its route
/// is known. Missing credentials are 401, except on a public read (<see cref="PublicRead"/>), which answers an anonymous
/// caller unless <c>PublicReads:Enabled</c> is false; an unknown client or a bad token is 403, because imgurpython and
/// ShareX refresh their token only on a 403 with Imgur's exact message (docs/imgur-compatibility.md §4.2).
/// </summary>
public sealed class CallerAuthentication(RequestDelegate next, CallerDirectory directory, IOptions<PublicReadOptions> publicReads)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/3", StringComparison.Ordinal))
        {
            context.Features.Set(await ResolveAsync(context));
        }
        await next(context);
    }

    private async Task<Caller> ResolveAsync(HttpContext context)
    {
        // Already the forwarded address when a trusted proxy sent the request (TrustedProxies).
        var address = context.Connection.RemoteIpAddress;
        if (HeaderOf(context.Request).Length == 0 && IsPublicRead(context))
        {
            return Caller.Anonymous(address);
        }
        var (scheme, credential) = Credentials(context.Request);
        var cancellationToken = context.RequestAborted;

        if (scheme.Equals("Client-ID", StringComparison.OrdinalIgnoreCase))
        {
            var client = await directory.FindClientAsync(credential, cancellationToken)
                ?? throw ApiException.Forbidden("Invalid client_id");
            return new Caller(client, null, null, address);
        }
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            var (grant, client) = await directory.FindBearerAsync(credential, cancellationToken)
                ?? throw ApiException.InvalidToken();
            return new Caller(client, grant.AccountId, grant.Username, address, grant.EmailVerified);
        }
        throw ApiException.Forbidden("Malformed auth header: use \"Client-ID <client_id>\" or \"Bearer <access_token>\"");
    }

    private bool IsPublicRead(HttpContext context) =>
        publicReads.Value.Enabled && context.GetEndpoint()?.Metadata.GetMetadata<PublicRead>() is not null;

    /// <summary>The scheme and credential of the <c>Authorization</c> header; none at all is 401.</summary>
    public static (string Scheme, string Credential) Credentials(HttpRequest request)
    {
        var header = HeaderOf(request);
        if (header.Length == 0)
        {
            throw ApiException.Unauthorized();
        }
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? (header[..space], header[(space + 1)..].Trim()) : (header, "");
    }

    private static string HeaderOf(HttpRequest request) => request.Headers.Authorization.ToString().Trim();
}
