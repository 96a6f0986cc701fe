using System.Net;
using System.Text.RegularExpressions;

namespace Picshelf.Tests.Infrastructure;

/// <summary>Reads what a page's head tells link previews, as a chat app unfurling the link would.</summary>
public static partial class PageMarkup
{
    /// <summary>The decoded <c>content</c> of the <c>&lt;meta property|name="…"&gt;</c> tag; null when the page has none.</summary>
    public static string? Meta(string html, string name) =>
        Regex.Match(html, $"<meta (?:property|name)=\"{Regex.Escape(name)}\" content=\"([^\"]*)\">") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : null;

    /// <summary>The decoded <c>href</c> of the oEmbed discovery link.</summary>
    public static string? OEmbedLink(string html) =>
        OEmbedDiscovery().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    /// <summary>The decoded value of an attribute of the first element with this id.</summary>
    public static string Attribute(string html, string id, string attribute) =>
        Regex.Match(html, $"<[a-z]+ [^>]*id=\"{Regex.Escape(id)}\"[^>]*\\s{Regex.Escape(attribute)}=\"([^\"]*)\"") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No element #{id} with {attribute} on the page: {html}");

    [GeneratedRegex("<link rel=\"alternate\" type=\"application/json\\+oembed\" href=\"([^\"]*)\"")]
    private static partial Regex OEmbedDiscovery();
}
