using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Picshelf.Api;

/// <summary>
/// Reads the named fields of a request body in every shape Imgur clients send: form-urlencoded,
/// multipart and JSON. Query-string values fill in what the body lacks. A urlencoded form is read through
/// the request's own form feature, so a field read earlier (a JSONP callback) is not lost; a multipart one
/// through <see cref="MultipartFields"/>. Every body is held to <see cref="RequestBodyOptions"/>, here for all
/// routes at once.
/// </summary>
public static class RequestFields
{
    public static async Task<Dictionary<string, string>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var fields = await ReadBodyAsync(request, cancellationToken);
        AddQueryFields(request, fields);
        return fields;
    }

    /// <summary>
    /// Adds the query string's fields that <paramref name="fields"/> lacks, held to the limits a body's are: a field the
    /// body could not carry must not come through the URL instead.
    /// </summary>
    public static void AddQueryFields(HttpRequest request, Dictionary<string, string> fields)
    {
        var limits = LimitsOf(request);
        foreach (var (key, value) in request.Query)
        {
            if (!fields.ContainsKey(key))
            {
                fields[key] = Checked(limits, key, value.ToString());
            }
        }
        limits.CheckFieldCount(fields.Count);
    }

    /// <summary>The body's fields only: secrets (client secrets, refresh tokens, passwords) must not travel in URLs, which proxies log.</summary>
    public static async Task<Dictionary<string, string>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var limits = LimitsOf(request);
        if (request.HasFormContentType)
        {
            try
            {
                if (request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
                {
                    // No route takes a file here: a file part is passed over, though it counts as a part and a name.
                    await MultipartFields.ReadAsync(request, limits, fields, (_, disposition, _) => Task.FromResult(disposition.IsFileDisposition()),
                        cancellationToken);
                    return fields;
                }
                var form = await request.ReadFormAsync(cancellationToken);
                limits.CheckFieldCount(form.Count);
                foreach (var (key, value) in form)
                {
                    fields[key] = Checked(limits, key, value.ToString());
                }
            }
            catch (IOException failure) when (failure is not BadHttpRequestException && !StorageFull.Caused(failure) && !cancellationToken.IsCancellationRequested)
            {
                throw ApiException.BadRequest("The request body is malformed: " + failure.Message);
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth }, cancellationToken);
            }
            // System.Text.Json tells a body too deep only by its message ("The maximum configured depth of 32 has been exceeded"):
            // a body cut short ("Expected depth to be zero at the end…") speaks of depth too. Should it ever read otherwise,
            // it is still a 400.
            catch (JsonException failure) when (failure.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
            {
                throw limits.JsonTooDeep();
            }
            catch (JsonException)
            {
                throw ApiException.BadRequest("The JSON body is malformed");
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw ApiException.BadRequest("The JSON body must be an object");
                }
                limits.CheckFieldCount(document.RootElement.GetPropertyCount());
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var name = TextOf(() => property.Name);
                    fields[name] = Checked(limits, name, property.Value.ValueKind switch
                    {
                        JsonValueKind.String => TextOf(property.Value.GetString),
                        JsonValueKind.Null => "",
                        _ => property.Value.GetRawText(),
                    });
                }
            }
        }
        return fields;
    }

    /// <summary>
    /// A list field sent in a JSON body as an array of strings (its raw text, as <see cref="ReadAsync"/> keeps it); null
    /// when the field is not an array, so the caller reads it as form fields arrive, joined by commas.
    /// </summary>
    public static List<string>? JsonStrings(string raw, string key)
    {
        if (!raw.StartsWith('['))
        {
            return null;
        }
        List<string>? values;
        try
        {
            values = JsonSerializer.Deserialize(raw, ImgurJson.Default.ListString);
        }
        catch (JsonException)
        {
            throw ApiException.BadRequest($"{key} must be a list of strings");
        }
        // The list's type does not keep out a JSON null among its strings.
        return values is null ? [] : values.Contains(null!) ? throw ApiException.BadRequest($"{key} must be a list of strings") : values;
    }

    private static RequestBodyOptions LimitsOf(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<IOptions<RequestBodyOptions>>().Value;

    private static string Checked(RequestBodyOptions limits, string name, string value)
    {
        limits.CheckFieldLength(name, value);
        return FieldText.Check(name, value);
    }

    /// <summary>
    /// A JSON name or string as text; one escaping half a surrogate pair (<c>"\ud800"</c>) is no text at all, and
    /// System.Text.Json says so only when it is read.
    /// </summary>
    private static string TextOf(Func<string?> read)
    {
        try
        {
            return read()!;
        }
        catch (InvalidOperationException)
        {
            throw ApiException.BadRequest("The JSON body holds a string that is not valid Unicode");
        }
    }
}
