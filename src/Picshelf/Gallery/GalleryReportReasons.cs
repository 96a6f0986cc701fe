namespace Picshelf.Gallery;

/// <summary>Imgur's report reason codes (docs/imgur-compatibility.md §2.3).</summary>
public static class GalleryReportReasons
{
    public static readonly IReadOnlyDictionary<int, string> Descriptions = new Dictionary<int, string>
    {
        [1] = "Doesn't belong on Imgur",
        [2] = "Spam",
        [3] = "Abusive",
        [4] = "Mature content not marked as mature",
        [5] = "Pornography",
    };
}
