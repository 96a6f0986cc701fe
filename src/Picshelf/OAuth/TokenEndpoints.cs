using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.OAuth;

/// <summary>
/// <c>POST /oauth2/token</c>: refresh tokens, authorization codes and PINs become tokens. The answer is the
/// bare token object (docs/imgur-compatibility.md §4.3); failures are the usual 400 envelope. OAuth calls cost no credits.
/// </summary>
public static class TokenEndpoints
{
    public static void MapOAuth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth2/token", ExchangeAsync);
        app.MapGet("/oauth2/secret", CheckAsync);
    }

    public static async Task<IResult> ExchangeAsync(HttpContext context, PicshelfDb db, TokenIssuer issuer, AuthorizationCodes codes,
        ITokenExchangeThrottle throttle, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadBodyAsync(context.Request, cancellationToken);
        var (clientId, secret) = ClientCredentials(context.Request, fields);
        // Counted before anything is checked, so that parallel guesses cannot all pass before the first failure counts.
        var forgiveAddress = await throttle.CountAddressAsync(context.Connection.RemoteIpAddress, cancellationToken);
        await AuthenticateClientAsync(clientId, secret, db, cancellationToken);
        var forgiveClient = await throttle.CountClientAsync(clientId, cancellationToken);
        var grantType = fields.GetValueOrDefault("grant_type", "");
        var token = grantType switch
        {
            "refresh_token" => await issuer.RefreshAsync(clientId, Required(fields, "refresh_token"), cancellationToken)
                ?? throw ApiException.BadRequest("Refresh token doesn't exist or is invalid for the client"),
            "authorization_code" => await RedeemAsync(AuthorizationCodeKind.Code, Required(fields, "code"),
                "Authorization code doesn't exist or is invalid for the client"),
            "pin" => await RedeemAsync(AuthorizationCodeKind.Pin, Required(fields, "pin"),
                "PIN doesn't exist or is invalid for the client"),
            _ => throw ApiException.BadRequest("grant_type must be refresh_token, authorization_code or pin"),
        };
        await forgiveAddress();
        await forgiveClient();
        context.Response.Headers.CacheControl = "no-store";
        // RFC 6749 §5.1: for HTTP/1.0 caches, which know no Cache-Control.
        context.Response.Headers.Pragma = "no-cache";
        return TypedResults.Json(token, OAuthJson.Default.TokenModel);

        async Task<TokenModel> RedeemAsync(AuthorizationCodeKind kind, string code, string refusal)
        {
            var accountId = await codes.RedeemAsync(clientId, code, kind, cancellationToken) ?? throw ApiException.BadRequest(refusal);
            var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
            return await issuer.GrantAsync(clientId, account, cancellationToken);
        }
    }

    public static async Task<ImgurResult<TokenInfoModel>> CheckAsync(HttpContext context, CallerDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var (scheme, credential) = CallerAuthentication.Credentials(context.Request);
        var (grant, _) = scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            ? await directory.FindBearerAsync(credential, cancellationToken) ?? throw ApiException.InvalidToken()
            : throw ApiException.InvalidToken();
        return ImgurResult.Ok(new TokenInfoModel(grant.ClientId, grant.AccountId, grant.Username,
            grant.ExpiresAt - time.GetUtcNow().ToUnixTimeSeconds()), OAuthJson.Default.TokenInfoModel);
    }

    private static string Required(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0 ? value : throw ApiException.BadRequest($"Missing required parameter: {name}");

    /// <summary>
    /// The client proves itself with its id and secret, in the body as imgurpython and ShareX send them, or
    /// in HTTP Basic as the OAuth 2.0 specification prefers.
    /// </summary>
    private static (string ClientId, string Secret) ClientCredentials(HttpRequest request, Dictionary<string, string> fields)
    {
        var clientId = fields.GetValueOrDefault("client_id", "");
        var secret = fields.GetValueOrDefault("client_secret", "");
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var basic)
            && basic.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && basic.Parameter is not null)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic.Parameter));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    clientId = Uri.UnescapeDataString(pair[..colon]);
                    secret = Uri.UnescapeDataString(pair[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
                throw ApiException.BadRequest("Invalid client credentials");
            }
        }
        return (clientId, secret);
    }

    /// <summary>Secrets are compared as digests, in constant time.</summary>
    private static async Task AuthenticateClientAsync(string clientId, string secret, PicshelfDb db, CancellationToken cancellationToken)
    {
        var stored = clientId.Length is > 0 and <= 32
            ? await db.Clients.Where(c => c.Id == clientId && c.DeletedAt == null).Select(c => c.SecretHash).SingleOrDefaultAsync(cancellationToken)
            : null;
        var presented = Encoding.ASCII.GetBytes(TokenDigest.Of(secret));
        var expected = Encoding.ASCII.GetBytes(stored ?? new string('0', presented.Length));
        if (!CryptographicOperations.FixedTimeEquals(presented, expected) || stored is null)
        {
            throw ApiException.BadRequest("Invalid client credentials");
        }
    }
}
