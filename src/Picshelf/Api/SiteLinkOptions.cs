namespace Picshelf.Api;

/// <summary><c>Web:PublicBaseUrl</c>: where people reach the pages, for the links Picshelf mails.</summary>
public sealed class SiteLinkOptions
{
    public const string Section = "Web";

    /// <summary>
    /// Where people reach the pages, for links in mails (<c>https://img.example.com</c>). Unset, links use the
    /// host the request named; set it in production, so a forged <c>Host</c> header cannot point a mail elsewhere.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}
