using System.Globalization;
using Picshelf.Api;

namespace Picshelf.Comments;

/// <summary>
/// A comment's words as Picshelf keeps them: trimmed, 1 to <see cref="MaxLength"/> characters as a reader counts them
/// (grapheme clusters: an emoji with its skin tone is one), as Imgur limits them. They are plain text, stored and
/// answered exactly; only control characters other than the line break are refused, since no client shows them.
/// </summary>
public static class CommentText
{
    public const int MaxLength = 140;

    public static string Parse(string? text)
    {
        // Browsers send line breaks as CR LF: one line break is one character, kept as LF.
        var trimmed = text?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw ApiException.BadRequest("A comment needs its text in comment");
        }
        if (trimmed.Any(c => char.IsControl(c) && c != '\n'))
        {
            throw ApiException.BadRequest("A comment cannot hold control characters other than line breaks");
        }
        // Counting stops past the limit, so a megabyte of text costs no more than 141 characters do.
        var characters = StringInfo.GetTextElementEnumerator(trimmed);
        var count = 0;
        while (characters.MoveNext())
        {
            if (++count > MaxLength)
            {
                throw ApiException.BadRequest($"A comment is at most {MaxLength} characters");
            }
        }
        return trimmed;
    }
}
