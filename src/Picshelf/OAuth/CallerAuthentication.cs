using Picshelf.Api;

namespace Picshelf.OAuth;

/// <summary>
/// Resolves <c>Authorization: Client-ID …</c> and <c>Authorization: Bearer …</c> for every <c>/3/</c> call.
/// Missing credentials are 401; an unknown client or a bad token is 403, because imgurpython and
/// ShareX refresh their token only on a 403 with Imgur's exact message (docs/imgur-compatibility.md §4.2).
/// </summary>
public sealed class CallerAuthentication(RequestDelegate next, CallerDirectory directory)
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
        var (scheme, credential) = Credentials(context.Request);
        // Already the forwarded address when a trusted proxy sent the request (TrustedProxies).
        var address = context.Connection.RemoteIpAddress;
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
            return new Caller(client, grant.AccountId, grant.Username, address);
        }
        throw ApiException.Forbidden("Malformed auth header: use \"Client-ID <client_id>\" or \"Bearer <access_token>\"");
    }

    /// <summary>The scheme and credential of the <c>Authorization</c> header; none at all is 401.</summary>
    public static (string Scheme, string Credential) Credentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString().Trim();
        if (header.Length == 0)
        {
            throw ApiException.Unauthorized();
        }
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? (header[..space], header[(space + 1)..].Trim()) : (header, "");
    }
}
