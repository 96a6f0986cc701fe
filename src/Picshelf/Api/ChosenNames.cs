using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Picshelf.Api;

/// <summary>
/// What a name someone chooses for others to read (a username, an application's name on the consent page) may be.
/// Not control characters, nor anything that draws nothing: bidi overrides and isolates turn <c>"gnp.exe"</c> around
/// or reorder a name against its neighbours, and invisible characters (Unicode's Default_Ignorable_Code_Point, which
/// also takes in the Hangul fillers and variation selectors that are letters or marks rather than format characters,
/// and the blank braille pattern) make two names that look alike different names, or a name that looks empty. Nor the
/// site's own name (<see cref="SiteNameOptions"/>), compared as a prefix on the letters and digits alone without case,
/// so neither "Picshelf (official)" nor "P.i.c.s.h.e.l.f" asks for consent as the site.
/// </summary>
public sealed class ChosenNames(IOptions<SiteNameOptions> options)
{
    /// <summary>
    /// Default_Ignorable_Code_Point as Unicode 16's DerivedCoreProperties lists it (.NET exposes no such property),
    /// and U+2800, which is a symbol by category but shows as blank space.
    /// </summary>
    private static readonly (int First, int Last)[] Invisible =
    [
        (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
        (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x2800, 0x2800), (0x3164, 0x3164), (0xFE00, 0xFE0F),
        (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
    ];

    /// <summary>The name as given, or 400 saying what <paramref name="what"/> may not hold or begin with.</summary>
    public string Check(string what, string name)
    {
        CheckCharacters(what, name);
        var site = LettersAndDigits(options.Value.SiteName);
        // A site name of punctuation alone reserves nothing, rather than every name.
        return site.Length > 0 && LettersAndDigits(name).StartsWith(site, StringComparison.OrdinalIgnoreCase)
            ? throw ApiException.BadRequest($"{what} may not begin with {options.Value.SiteName.Trim()}: that is this site's own name")
            : name;
    }

    /// <summary>The text as given, or 400 when it holds a control or invisible character; for text shown beside a name.</summary>
    public static string CheckCharacters(string what, string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || Invisible.Any(range => rune.Value >= range.First && rune.Value <= range.Last))
            {
                throw ApiException.BadRequest(
                    $"{what} may not hold control, direction or invisible characters (it holds U+{rune.Value:X4})");
            }
        }
        return text;
    }

    private static string LettersAndDigits(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                kept.Append(rune.ToString());
            }
        }
        return kept.ToString();
    }
}
