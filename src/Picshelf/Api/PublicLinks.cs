using Microsoft.Extensions.Options;
using Picshelf.Media;

namespace Picshelf.Api;

/// <summary>Builds the absolute links Picshelf hands out: direct links and avatars in models (page links in mails are <c>Accounts/MailSender</c>'s).</summary>
public sealed class PublicLinks(IOptions<MediaLinkOptions> media)
{
    private readonly string? configuredBase = media.Value.PublicBaseUrl?.TrimEnd('/');

    public string BaseUrl(HttpContext context) =>
        configuredBase ?? $"{context.Request.Scheme}://{context.Request.Host}";

    public string DirectLink(HttpContext context, string imageId, string mimeType) =>
        LinkWithExtension(context, imageId, ImageFormat.FromMimeType(mimeType).Extension);

    /// <summary>A direct link with the extension given, as an animation's <c>.mp4</c> and <c>.gifv</c>.</summary>
    public string LinkWithExtension(HttpContext context, string name, string extension) => $"{BaseUrl(context)}/{name}.{extension}";

    /// <summary>A direct link that answers a picture: the image's own, or for a video its poster frame's (a JPEG).</summary>
    public string StillLink(HttpContext context, string name, string mimeType) =>
        LinkWithExtension(context, name, mimeType == ImageFormat.Mp4.MimeType ? ImageFormat.Jpeg.Extension : ImageFormat.FromMimeType(mimeType).Extension);

    /// <summary>The direct link of one of the image's thumbnails: the id with the size's suffix (<c>{id}b.jpg</c>).</summary>
    public string ThumbnailLink(HttpContext context, string imageId, string mimeType, ThumbnailSize size) =>
        StillLink(context, imageId + size.Suffix, mimeType);
}
