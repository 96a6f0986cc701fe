using System.Buffers;

namespace Picshelf.Api;

/// <summary>
/// What a text field may hold: anything but control characters other than tab, line feed and carriage return. NUL broke
/// PostgreSQL (a 500) while SQLite stored it, and no client shows the others; base64 image text keeps its line breaks.
/// </summary>
public static class FieldText
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r'))]);

    /// <summary>The value as sent, or 400 naming the field.</summary>
    public static string Check(string field, string value) =>
        value.AsSpan().ContainsAny(Forbidden)
            ? throw ApiException.BadRequest($"{field} holds a control character: only tabs and line breaks are accepted")
            : value;
}
