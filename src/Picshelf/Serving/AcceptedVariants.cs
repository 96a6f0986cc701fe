using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Picshelf.Media;

namespace Picshelf.Serving;

/// <summary>
/// Which of a picture's variant encodings a request's <c>Accept</c> names with a quality above zero. Only an explicit type
/// counts: <c>image/*</c> and <c>*/*</c> are sent by clients that decode nothing new. A header that does not parse
/// accepts none, so the client gets the picture as stored.
/// </summary>
public static class AcceptedVariants
{
    public static IReadOnlyList<ImageFormat> Of(StringValues accept, IReadOnlyList<ImageFormat> offered)
    {
        // Most clients name neither type; they pay two substring searches, not a parse.
        if (offered.Count == 0 || !offered.Any(format => Names(accept, format.MimeType)))
        {
            return [];
        }
        if (!MediaTypeHeaderValue.TryParseStrictList(accept, out var types))
        {
            return [];
        }
        return offered.Where(format => types.Any(type =>
            type.MediaType.Equals(format.MimeType, StringComparison.OrdinalIgnoreCase) && QualityOf(type) > 0)).ToList();
    }

    /// <summary>A type's quality: 1 when it gives none, and 0 when it gives one that is not a number (<c>q=abc</c>).</summary>
    private static double QualityOf(MediaTypeHeaderValue type) =>
        type.Quality ?? (type.Parameters.Any(p => p.Name.Equals("q", StringComparison.OrdinalIgnoreCase)) ? 0 : 1);

    private static bool Names(StringValues accept, string mimeType)
    {
        foreach (var value in accept)
        {
            if (value is not null && value.Contains(mimeType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
