using System.Globalization;

namespace Picshelf.Web;

/// <summary>How the image, album and deletion pages word an item's title and date, the same on each.</summary>
public static class ItemText
{
    /// <summary>The heading and <c>alt</c> text of an item without a title: neutral, since nothing is known of what it shows.</summary>
    public static string TitleOf(string? title, string kind) => string.IsNullOrWhiteSpace(title) ? $"Untitled {kind}" : title;

    /// <summary>For a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string MachineDate(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>In UTC, spelled out: the page does not know its reader's time zone, and a month name reads the same everywhere.</summary>
    public static string ReadableDate(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
