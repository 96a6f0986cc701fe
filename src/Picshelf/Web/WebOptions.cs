using System.ComponentModel.DataAnnotations;

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

    /// <summary>A session not used for this long ends; each use (past half of it) starts it again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan SessionSlidingLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A session ends this long after its sign-in however often it is used, so a stolen cookie does not last for ever.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);
}
