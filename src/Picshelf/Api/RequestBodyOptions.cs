using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Picshelf.Api;

/// <summary>
/// The <c>Requests</c> settings: bounds on the shape of a request body, whatever its encoding. The body's length is
/// bounded elsewhere (Kestrel, <c>Uploads:MaxImageBytes</c>); these bound what a body of that length may make the server
/// hold and walk. ASP.NET's form reader has limits of its own, but the upload reader streams multipart itself, and
/// JSON has none that fit. Imgur clients send a handful of flat fields, so the defaults are far above them.
/// </summary>
public sealed class RequestBodyOptions
{
    public const string Section = "Requests";

    /// <summary>
    /// The field that carries an upload's image as base64 or a URL: it is bounded as the upload it is
    /// (<c>Uploads:MaxImageBytes</c>), not as a text field.
    /// </summary>
    public const string ImageField = "image";

    /// <summary>
    /// Distinct field names in one body. A form's repeated name (<c>ids[]</c> for an album's images) is one field, since
    /// forms send lists that way; every property of a JSON object counts.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxFields { get; set; } = 100;

    /// <summary>Parts of a multipart body, file parts and repeated names included.</summary>
    [Range(1, 100_000)]
    public int MaxMultipartParts { get; set; } = 100;

    /// <summary>The headers of one multipart part, their lines without line breaks, in bytes (ASP.NET's own default).</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxPartHeaderBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// <see cref="MaxPartHeaderBytes"/> as ASP.NET's multipart reader takes it: the reader also counts the carriage
    /// return of the last header line, so its limit is one more.
    /// </summary>
    public int MultipartReaderHeadersLengthLimit => MaxPartHeaderBytes + 1;

    /// <summary>
    /// One text field, in UTF-8 bytes. The longest legitimate ones are a 10,000-character description (up to 30,000
    /// bytes) and an album's 1,000 image ids or deletehashes (about 18,000 as a JSON array).
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxFieldBytes { get; set; } = 64 * 1024;

    /// <summary>How deeply a JSON body may nest; the API's bodies are an object of strings and flat arrays (depth 2).</summary>
    [Range(2, 1000)]
    public int MaxJsonDepth { get; set; } = 32;

    public void CheckFieldCount(int count)
    {
        if (count > MaxFields)
        {
            throw ApiException.BadRequest($"The request body has more than {MaxFields} fields (Requests:MaxFields)");
        }
    }

    public void CheckPartCount(int count)
    {
        if (count > MaxMultipartParts)
        {
            throw ApiException.BadRequest($"The multipart body has more than {MaxMultipartParts} parts (Requests:MaxMultipartParts)");
        }
    }

    /// <summary>400 when a text field is longer than it may be; the upload's <see cref="ImageField"/> is not a text field.</summary>
    public void CheckFieldLength(string name, string value)
    {
        // No character takes more than three UTF-8 bytes per UTF-16 unit, so short values need no counting.
        if (name != ImageField && value.Length > MaxFieldBytes / 3 && Encoding.UTF8.GetByteCount(value) > MaxFieldBytes)
        {
            throw FieldTooLong(name);
        }
    }

    public ApiException FieldTooLong(string name) =>
        ApiException.BadRequest($"The field {name} is longer than {MaxFieldBytes} bytes (Requests:MaxFieldBytes)");

    public ApiException PartHeadersTooLarge(int headerCountLimit) => ApiException.BadRequest(
        $"A multipart part's headers are over the limit: at most {MaxPartHeaderBytes} bytes (Requests:MaxPartHeaderBytes) and {headerCountLimit} headers");

    public ApiException JsonTooDeep() =>
        ApiException.BadRequest($"The JSON body nests deeper than {MaxJsonDepth} levels (Requests:MaxJsonDepth)");
}
