using Picshelf.Images;

namespace Picshelf.Web;

/// <summary>One image as a page shows it (<c>Shared/_ItemMedia</c>): its picture, or its video once the MP4 is made.</summary>
/// <param name="Id">The element's id, for the page that shows one image; none in lists.</param>
/// <param name="Lazy">Loaded only when scrolled to, in an album's long list.</param>
public sealed record ItemMedia(ImageModel Image, string Alt, string? Id = null, bool Lazy = false)
{
    public bool PlaysVideo => Image.Mp4Size > 0;

    /// <summary>The still a video shows before it plays: its largest thumbnail.</summary>
    public string Poster => $"/{Image.Id}h.jpg";
}
