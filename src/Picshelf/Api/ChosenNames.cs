using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Picshelf.Api;

/// <summary>
/// What a name someone chooses for others to read (a username, an application's name on the consent page) may be.
/// Not control characters, nor the invisible format characters: bidi overrides and isolates turn
/// <c>"gnp.exe"</c> around or reorder a name against its neighbours, and zero-width ones make two names that look alike
/// different names. Nor the site's own name (<see cref="SiteNameOptions"/>), compared without case after trimming and
/// as a prefix, so no application asks for consent as "Picshelf (official)".
/// </summary>
public sealed class ChosenNames(IOptions<SiteNameOptions> options)
{
    /// <summary>The name as given, or 400 saying what <paramref name="what"/> may not hold.</summary>
    public string Check(string what, string name)
    {
        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                throw ApiException.BadRequest(
                    $"{what} may not hold control, direction or invisible characters (it holds U+{rune.Value:X4})");
            }
        }
        var site = options.Value.SiteName.Trim();
        return name.Trim().StartsWith(site, StringComparison.OrdinalIgnoreCase)
            ? throw ApiException.BadRequest($"{what} may not begin with {site}: that is this site's own name")
            : name;
    }
}
