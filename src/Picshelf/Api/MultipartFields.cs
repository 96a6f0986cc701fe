using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Picshelf.Api;

/// <summary>
/// Reads a multipart body part by part, each bound of <see cref="RequestBodyOptions"/> checked the moment it is passed:
/// every part counts, each part's headers, each text field's length and the distinct names. Every route's multipart
/// body is read here, the upload's included, so no route holds a limit another lets through: ASP.NET's form reader,
/// which the other routes used, skips a part whose disposition is neither a field nor a file without counting it.
/// </summary>
public static class MultipartFields
{
    /// <summary>
    /// Reads the parts of <paramref name="request"/>'s body into <paramref name="fields"/> as text, except those
    /// <paramref name="takePart"/> consumes itself and says so (an upload's image; a file part elsewhere). A taken part's
    /// name is one of the fields all the same.
    /// </summary>
    public static async Task ReadAsync(HttpRequest request, RequestBodyOptions limits, Dictionary<string, string> fields,
        Func<string, ContentDispositionHeaderValue, MultipartSection, Task<bool>> takePart, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw ApiException.BadRequest("The multipart Content-Type has no valid boundary");
        }
        // The reader's buffer must hold the boundary: one of a few thousand characters made it throw, a 500. ASP.NET's form
        // reader has this limit for the same reason.
        if (boundary.Length > FormOptions.DefaultMultipartBoundaryLengthLimit)
        {
            throw ApiException.BadRequest($"The multipart boundary is longer than {FormOptions.DefaultMultipartBoundaryLengthLimit} characters");
        }
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = limits.MultipartReaderHeadersLengthLimit };
        var names = new HashSet<string>(StringComparer.Ordinal);
        var parts = 0;
        while (await NextSectionAsync(reader, limits, cancellationToken) is { } section)
        {
            limits.CheckPartCount(++parts);
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            names.Add(name);
            limits.CheckFieldCount(names.Count);
            if (!await takePart(name, disposition, section))
            {
                var text = FieldText.Check(name, await ReadTextAsync(section.Body, name, limits, cancellationToken));
                // A repeated name (ids[] once per image) joins its values with commas, as ASP.NET's form reader gives them
                // for a urlencoded body, and is held to the field's length as a whole, as there.
                fields[name] = fields.TryGetValue(name, out var earlier) ? earlier + "," + text : text;
                limits.CheckFieldLength(name, fields[name]);
            }
        }
    }

    /// <summary>
    /// The reader reports a part's headers over its limits (length or count) as invalid data, and a header line without
    /// a colon too; only its message tells them apart, so anything it does not call a limit is told as malformed.
    /// </summary>
    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, RequestBodyOptions limits, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (InvalidDataException failure) when (failure.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw limits.PartHeadersTooLarge(reader.HeadersCountLimit);
        }
        catch (InvalidDataException)
        {
            throw ApiException.BadRequest("A multipart part has a malformed header line");
        }
    }

    /// <summary>A text part as UTF-8, refused the moment it passes <see cref="RequestBodyOptions.MaxFieldBytes"/>.</summary>
    private static async Task<string> ReadTextAsync(Stream body, string name, RequestBodyOptions limits, CancellationToken cancellationToken)
    {
        using var text = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (text.Length + read > limits.MaxFieldBytes)
            {
                throw limits.FieldTooLong(name);
            }
            text.Write(buffer, 0, read);
        }
        return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
    }
}
