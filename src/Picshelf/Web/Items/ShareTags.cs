using Picshelf.Images;
using Picshelf.Media;

namespace Picshelf.Web;

/// <summary>
/// What the image and album pages tell a chat or a site that unfurls their link (Open Graph, Twitter card, oEmbed
/// discovery): one partial, <c>Shared/_ShareTags</c>, writes them for both.
/// </summary>
/// <param name="Picture">The image shown in the preview (an album's cover); none for an empty album.</param>
/// <param name="Listed">False for a hidden or secret album: reachable by its link, but search engines are asked not to list it.</param>
public sealed record ShareTags(string Title, string? Description, string PageUrl, ImageModel? Picture, string OEmbedUrl, string SiteName, bool Listed)
{
    private bool PictureIsVideo => Picture?.Type == ImageFormat.Mp4.MimeType;

    /// <summary>The still shown in the preview: the picture, or a video's poster frame (any extension but <c>.mp4</c> reaches it).</summary>
    public string? StillLink => PictureIsVideo ? Picture!.Link[..Picture.Link.LastIndexOf('.')] + "." + ImageFormat.Jpeg.Extension : Picture?.Link;

    public string? StillType => PictureIsVideo ? ImageFormat.Jpeg.MimeType : Picture?.Type;

    /// <summary>The MP4 of a video or animation once it is made, offered as <c>og:video</c>.</summary>
    public string? VideoLink => Picture?.Mp4Size > 0 ? Picture.Mp4 : null;
}
