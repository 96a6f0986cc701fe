using Microsoft.AspNetCore.DataProtection;
using Picshelf.OAuth;

namespace Picshelf.Web;

/// <summary>
/// The access token the upload page gives its script for a signed-in visitor: one of the site application, short-lived,
/// kept sealed in a cookie of the browser's session so page views reuse it instead of adding a token each, and bound to
/// the sign-in, so a later sign-in (after a sign-out, which revokes them all) never reuses one.
/// </summary>
public sealed class UploadTokens(IDataProtectionProvider protection, TokenIssuer issuer, CallerDirectory directory, TimeProvider time)
{
    public const string CookieName = "picshelf-upload";

    /// <summary>Long enough for a page left open while files are chosen, short enough that a copied token soon dies.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>A token with less left than this is replaced, so uploads begun from the page do not outlive it.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(15);

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("Picshelf.Web.UploadTokens").ToTimeLimitedDataProtector();

    public async Task<string> ForSessionAsync(HttpContext context, int accountId, CancellationToken cancellationToken)
    {
        var session = $"{accountId}:{WebPages.SessionOf(context.User)}:";
        if (await KeptAsync(context, session, cancellationToken) is { } kept)
        {
            return kept;
        }
        var (token, expiresAt) = await issuer.IssueSiteTokenAsync(accountId, Lifetime, cancellationToken);
        // No Expires: a session cookie, gone with the browser's session; HttpOnly, since the page hands the script the token itself.
        context.Response.Cookies.Append(CookieName, protector.Protect(session + token, expiresAt), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
        });
        return token;
    }

    /// <summary>The cookie's token, when it is this sign-in's, has time left, and is still live (none was revoked).</summary>
    private async Task<string?> KeptAsync(HttpContext context, string session, CancellationToken cancellationToken)
    {
        if (context.Request.Cookies[CookieName] is not { } sealedToken)
        {
            return null;
        }
        string payload;
        DateTimeOffset expiresAt;
        try
        {
            payload = protector.Unprotect(sealedToken, out expiresAt);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        if (!payload.StartsWith(session, StringComparison.Ordinal) || expiresAt - time.GetUtcNow() < Margin)
        {
            return null;
        }
        var token = payload[session.Length..];
        return await directory.FindBearerAsync(token, cancellationToken) is not null ? token : null;
    }

    public static void Forget(HttpContext context) => context.Response.Cookies.Delete(CookieName);
}
