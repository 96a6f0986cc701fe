using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Picshelf.Api;

/// <summary>
/// Reads the named fields of a small request body in every shape Imgur clients send:
/// form-urlencoded, multipart and JSON. Query-string values fill in what the body lacks.
/// </summary>
public static class RequestFields
{
    public static async Task<Dictionary<string, string>> ReadAsync(HttpRequest request, long maxValueLength, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var options = new FormOptions
            {
                ValueLengthLimit = (int)Math.Min(int.MaxValue, maxValueLength),
                MultipartBodyLengthLimit = maxValueLength + 64 * 1024,
                KeyLengthLimit = 256,
                ValueCountLimit = 1024,
            };
            var form = await new FormFeature(request, options).ReadFormAsync(cancellationToken);
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
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
                    fields[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString()!,
                        JsonValueKind.Null => "",
                        _ => property.Value.GetRawText(),
                    };
                }
            }
        }
        foreach (var (key, value) in request.Query)
        {
            fields.TryAdd(key, value.ToString());
        }
        return fields;
    }
}
