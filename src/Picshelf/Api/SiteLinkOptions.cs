namespace Picshelf.Api;

/// <summary><c>Web:PublicBaseUrl</c>: where people reach the pages, for the links Picshelf mails.</summary>
public sealed class SiteLinkOptions
{
    public const string Section = "Web";

    /// <summary>
    /// Where people reach the pages, for links in mails (<c>https://img.example.com</c>). Never taken from the request's
    /// <c>Host</c>, which anyone can forge: with SMTP configured and this unset, no mail is sent.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}
