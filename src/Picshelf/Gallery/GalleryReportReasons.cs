using System.Globalization;
using Picshelf.Api;

namespace Picshelf.Gallery;

/// <summary>Imgur's report reason codes (docs/imgur-compatibility.md §2.3), for posts and comments alike.</summary>
public static class GalleryReportReasons
{
    /// <summary>The code a report's <c>reason</c> names, or null when it names none.</summary>
    public static int? Parse(string? reason) =>
        string.IsNullOrEmpty(reason) ? null
        : int.TryParse(reason, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && Descriptions.ContainsKey(code) ? code
        : throw ApiException.BadRequest("reason must be 1 (doesn't belong), 2 (spam), 3 (abusive), 4 (mature, not marked) or 5 (pornography)");

    /// <summary>How a report list shows a code.</summary>
    public static string Describe(int? code) => code is { } known ? Descriptions[known] : "No reason given";

    public static readonly IReadOnlyDictionary<int, string> Descriptions = new Dictionary<int, string>
    {
        [1] = "Doesn't belong on Imgur",
        [2] = "Spam",
        [3] = "Abusive",
        [4] = "Mature content not marked as mature",
        [5] = "Pornography",
    };
}
