using System.Text.RegularExpressions;
using Picshelf.Api;

namespace Picshelf.Gallery;

/// <summary>
/// Tag names as the gallery keeps them: trimmed, each run of spaces or underscores one underscore, none at either end,
/// case folded, so "Funny Cats", "funny__cats" and "_funny_cats" are one tag. Letters, digits and underscores only, at most <see cref="MaxLength"/> characters; a post
/// carries at most <see cref="MaxPerPost"/> tags.
/// </summary>
public static partial class TagNames
{
    public const int MaxLength = 64;
    public const int MaxPerPost = 20;

    /// <summary>A tag as named: the key it is kept under, and how it is shown the first time it is used.</summary>
    public sealed record Named(string Name, string DisplayName);

    /// <summary>The tag's key, or null when the text cannot be a tag.</summary>
    public static string? TryNormalize(string text)
    {
        var display = Spaces().Replace(text.Trim(), " ");
        if (display.Length is 0 or > MaxLength || !Allowed().IsMatch(display))
        {
            return null;
        }
        var name = Underscores().Replace(display.Replace(' ', '_'), "_").Trim('_').ToLowerInvariant();
        return name.Length > 0 ? name : null;
    }

    public static Named Parse(string text) =>
        TryNormalize(text) is { } name
            ? new Named(name, Spaces().Replace(text.Trim(), " "))
            : throw ApiException.BadRequest($"A tag is 1 to {MaxLength} letters, digits, spaces or underscores: '{Shorten(text)}' is not");

    /// <summary>
    /// Tags sent comma-separated (or as repeated <c>tags[]</c>, which arrive joined by commas, or as a JSON body's array of
    /// strings); each named once. Nothing at all is no tags; an empty or blank one among them is refused like any bad tag.
    /// </summary>
    public static List<Named> ParseList(string text)
    {
        var names = RequestFields.JsonStrings(text, "tags") ?? (text.Length == 0 ? [] : [.. text.Split(',')]);
        var tags = names.Select(Parse).DistinctBy(t => t.Name).ToList();
        return tags.Count <= MaxPerPost ? tags : throw ApiException.BadRequest($"A post carries at most {MaxPerPost} tags");
    }

    /// <summary>The post's tags as a request sends them, in <c>tags</c> or in repeated <c>tags[]</c>; null when it sends none.</summary>
    public static string? ListIn(IReadOnlyDictionary<string, string> fields) => fields.GetValueOrDefault("tags") ?? fields.GetValueOrDefault("tags[]");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("_{2,}")]
    private static partial Regex Underscores();

    [GeneratedRegex(@"^[\p{L}\p{N}_ ]+\z")]
    private static partial Regex Allowed();
}
