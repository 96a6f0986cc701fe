using System.Text.RegularExpressions;
using Picshelf.Api;

namespace Picshelf.OAuth;

/// <summary>
/// Which redirect URLs an application may register, the rules of RFC 8252 (OAuth for native apps) and of the OAuth
/// security best practice: tokens and codes go to this URL, so it must be somewhere only the application listens.
/// <list type="bullet">
/// <item><c>https</c> to any host.</item>
/// <item><c>http</c> only to this computer (127.0.0.1, [::1], localhost), where a desktop app listens; anywhere else
/// the token would cross the network in clear.</item>
/// <item>A native app's own scheme only in reverse-domain form (<c>com.example.app:/callback</c>, RFC 8252 §7.1), so
/// it names a domain its developer holds: a short scheme (<c>myapp:</c>) can be claimed by any other app, and
/// schemes such as <c>javascript:</c>, <c>data:</c>, <c>view-source:</c> and <c>feed:</c> (which browsers nest:
/// <c>feed:javascript:…</c>) run or show something in the browser itself.</item>
/// <item>Never a user name or password (<c>https://app.example@evil.example/</c> reads as one host and goes to another),
/// nor a fragment, which the answer of a <c>token</c> flow would be appended to.</item>
/// </list>
/// The text must be plain ASCII without spaces or backslashes, so that it means the same to this parser and to
/// every browser (browsers read <c>\</c> as <c>/</c> in http URLs).
/// </summary>
public static partial class RedirectUris
{
    private static readonly string[] BrowserSchemes = ["javascript", "data", "view-source", "feed", "vbscript", "file", "blob", "about", "filesystem"];

    /// <summary>The URL as it will be stored, null when none is given, or 400 saying what is wrong with it.</summary>
    public static string? Check(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = value.Trim();
        if (text.Length > 2000)
        {
            throw Refused("must be at most 2000 characters");
        }
        if (text.Any(c => c is <= ' ' or >= '\x7F' or '\\'))
        {
            throw Refused("must be plain ASCII, without spaces, control characters or backslashes (write an international host in punycode)");
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? text[..colon].ToLowerInvariant() : "";
        if (BrowserSchemes.Contains(scheme))
        {
            throw Refused($"may not use the {scheme}: scheme");
        }
        if (text.Contains('#', StringComparison.Ordinal))
        {
            throw Refused("must not have a fragment (#…)");
        }
        if (scheme.Length == 0 || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != scheme)
        {
            throw Refused("must be an absolute URL (https://app.example/callback, http://127.0.0.1:port/… or com.example.app:/callback)");
        }
        if (uri.UserInfo.Length > 0)
        {
            throw Refused("must not hold a user name or password (…@)");
        }
        return scheme switch
        {
            // .NET takes no https URL without a host as absolute.
            "https" => text,
            "http" => IsLoopback(uri) ? text
                : throw Refused("may use http only to this computer (127.0.0.1, [::1] or localhost); use https for any other host"),
            _ => ReverseDomainScheme().IsMatch(scheme) ? text
                : throw Refused($"may use an app's own scheme only in reverse-domain form, such as com.example.app:/callback (RFC 8252), not {scheme}:"),
        };
    }

    /// <summary>
    /// Why a stored URL would be refused at registration today, or null when it would be taken as it is: applications
    /// registered before these rules keep what they registered, and nothing may be sent to it any more.
    /// </summary>
    public static string? RefusalOf(string redirectUri)
    {
        try
        {
            return Check(redirectUri) == redirectUri ? null : "The redirect URL must not begin or end with spaces";
        }
        catch (ApiException refused)
        {
            return refused.Message;
        }
    }

    /// <summary>Where the consent page says the answer goes: the host (and port) of a web URL, an app's own scheme otherwise.</summary>
    public static string Destination(string redirectUri)
    {
        var uri = new Uri(redirectUri);
        return uri.Scheme is "https" or "http" ? uri.Authority : uri.Scheme + ":";
    }

    private static bool IsLoopback(Uri uri) =>
        uri.Host is "127.0.0.1" or "[::1]" || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase);

    private static ApiException Refused(string why) => ApiException.BadRequest("The redirect URL " + why);

    /// <summary>Two or more dot-separated labels of letters, digits and hyphens, the first starting with a letter.</summary>
    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+\\z")]
    private static partial Regex ReverseDomainScheme();
}
