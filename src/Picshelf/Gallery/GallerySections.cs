using System.Text.RegularExpressions;
using Picshelf.Api;

namespace Picshelf.Gallery;

/// <summary>Subreddit sections: Reddit's names, 2 to 21 letters, digits or underscores, kept lower-case so any case finds them.</summary>
public static partial class GallerySections
{
    public const int MaxLength = 21;

    public static string? TryNormalize(string text) => Name().IsMatch(text) ? text.ToLowerInvariant() : null;

    public static string Parse(string text) =>
        TryNormalize(text) ?? throw ApiException.BadRequest("subreddit must be 2 to 21 letters, digits or underscores");

    [GeneratedRegex("^[A-Za-z0-9_]{2,21}\\z")]
    private static partial Regex Name();
}
