namespace Picshelf.Web;

/// <summary>The <c>Web</c> section's keys for the pages; <c>Web:PublicBaseUrl</c>, for links in mails, is read by <see cref="Api.SiteLinkOptions"/>.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// The keys that seal session cookies and verification links (default <c>&lt;data&gt;/keys</c>, created
    /// readable by its owner only). Whoever reads them can forge a session: back them up like the database,
    /// and point every process of one site at the same folder.
    /// </summary>
    public string? KeysDirectory { get; set; }
}
