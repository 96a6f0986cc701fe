using Picshelf.Images;

namespace Picshelf.Web;

/// <summary>
/// What the image and album pages tell a chat or a site that unfurls their link (Open Graph, Twitter card, oEmbed
/// discovery): one partial, <c>Shared/_ShareTags</c>, writes them for both.
/// </summary>
/// <param name="Picture">The image shown in the preview (an album's cover); none for an empty album.</param>
/// <param name="Listed">False for a hidden or secret album: reachable by its link, but search engines are asked not to list it.</param>
public sealed record ShareTags(string Title, string? Description, string PageUrl, ImageModel? Picture, string OEmbedUrl, string SiteName, bool Listed);
