using System.Text.Json;

namespace Picshelf.Api;

/// <summary>
/// Reads the named fields of a request body in every shape Imgur clients send: form-urlencoded,
/// multipart and JSON. Query-string values fill in what the body lacks. The form is read through
/// the request's own form feature, so a field read earlier (a JSONP callback) is not lost.
/// </summary>
public static class RequestFields
{
    public static async Task<Dictionary<string, string>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var fields = await ReadBodyAsync(request, cancellationToken);
        foreach (var (key, value) in request.Query)
        {
            fields.TryAdd(key, FieldText.Check(key, value.ToString()));
        }
        return fields;
    }

    /// <summary>The body's fields only: secrets (client secrets, refresh tokens, passwords) must not travel in URLs, which proxies log.</summary>
    public static async Task<Dictionary<string, string>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (IOException failure) when (failure is not BadHttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw ApiException.BadRequest("The request body is malformed: " + failure.Message);
            }
            foreach (var (key, value) in form)
            {
                fields[key] = FieldText.Check(key, value.ToString());
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
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
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    fields[property.Name] = FieldText.Check(property.Name, property.Value.ValueKind switch
                    {
                        JsonValueKind.String => StringOf(property.Value),
                        JsonValueKind.Null => "",
                        _ => property.Value.GetRawText(),
                    });
                }
            }
        }
        return fields;
    }

    /// <summary>A JSON string as text; one escaping half a surrogate pair (<c>"\ud800"</c>) is no text at all.</summary>
    private static string StringOf(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw ApiException.BadRequest("The JSON body holds a string that is not valid Unicode");
        }
    }
}
