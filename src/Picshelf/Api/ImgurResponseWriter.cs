using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Xml;
using Microsoft.Net.Http.Headers;

namespace Picshelf.Api;

/// <summary>
/// The one place that spells the envelope <c>{"data":…,"success":…,"status":…}</c> and applies the
/// response format, ETag/304 and <c>_fake_status</c> to it, for successes and errors alike, and says who may keep it:
/// every answer varies with <c>Authorization</c>, and one holding an owner's secret is never stored.
/// </summary>
public static class ImgurResponseWriter
{
    /// <summary>
    /// How deep a response may nest: a comment thread a thousand replies deep is two JSON levels a reply (the comment and
    /// its <c>children</c>), past the default limits of 64 (reading) and 1,000 (writing).
    /// </summary>
    public const int MaxDepth = 4096;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = ImgurJson.Default.Options.Encoder, SkipValidation = true, MaxDepth = MaxDepth };

    /// <summary>A writer that writes JSON exactly as the envelope's does, for models serialized ahead of time.</summary>
    public static Utf8JsonWriter CreateJsonWriter(IBufferWriter<byte> output) => new(output, WriterOptions);

    public static Task WriteAsync<T>(HttpContext context, int status, T data, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            StartEnvelope(writer);
            JsonSerializer.Serialize(writer, data, typeInfo);
            EndEnvelope(writer, status);
        }
        return WriteEnvelopeAsync(context, status, buffer.WrittenMemory, jsonEntityTag: null, HoldsSecrets(buffer.WrittenSpan));
    }

    /// <summary>
    /// A success envelope around data written straight into it (JSON written as <see cref="CreateJsonWriter"/> writes it),
    /// with its entity tag, to be answered once or kept and answered many times.
    /// </summary>
    public static SerializedEnvelope Success(int sizeHint, Action<IBufferWriter<byte>> writeData)
    {
        var buffer = new ArrayBufferWriter<byte>(sizeHint + 64);
        buffer.Write("{\"data\":"u8);
        writeData(buffer);
        buffer.Write(",\"success\":true,\"status\":200}"u8);
        return new SerializedEnvelope(buffer.WrittenMemory, ComputeEntityTag(buffer.WrittenSpan), HoldsSecrets(buffer.WrittenSpan));
    }

    public static Task WriteAsync(HttpContext context, SerializedEnvelope envelope) =>
        WriteEnvelopeAsync(context, StatusCodes.Status200OK, envelope.Json, envelope.EntityTag, envelope.HoldsSecrets);

    /// <summary>
    /// The properties only an owner is shown (every model writes them only then, or as null): a deletehash deletes, an
    /// e-mail address is personal, a token signs in. Matched as a property name with a string value; the encoder writes a
    /// quote inside a string as <c>\u0022</c>, so no text a user wrote can look like one.
    /// </summary>
    private static readonly byte[][] SecretProperties =
        ["\"deletehash\":\""u8.ToArray(), "\"email\":\""u8.ToArray(), "\"access_token\":\""u8.ToArray(), "\"refresh_token\":\""u8.ToArray()];

    /// <summary>
    /// Whether an envelope holds an owner's secret. Found in the one place every answer passes, from the bytes, so an
    /// owner-only field a feature adds later is covered without the feature saying so.
    /// </summary>
    private static bool HoldsSecrets(ReadOnlySpan<byte> json)
    {
        foreach (var property in SecretProperties)
        {
            if (json.IndexOf(property) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    private static void StartEnvelope(Utf8JsonWriter writer)
    {
        // data first: Imgur.API detects errors with StartsWith("{\"data\":{\"error\":") (docs/imgur-compatibility.md §1.2).
        writer.WriteStartObject();
        writer.WritePropertyName("data"u8);
    }

    private static void EndEnvelope(Utf8JsonWriter writer, int status)
    {
        writer.WriteBoolean("success"u8, status < 400);
        writer.WriteNumber("status"u8, status);
        writer.WriteEndObject();
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string message, int? uploadErrorCode = null)
    {
        var request = context.Request.Path.Value ?? "/";
        var method = context.Request.Method.ToUpperInvariant();
        context.Response.Headers.CacheControl = "no-cache";
        return uploadErrorCode is { } code
            ? WriteAsync(context, status, new UploadErrorModel(new UploadErrorDetail(code, message, "ImgurException", []), request, method), ImgurJson.Default.UploadErrorModel)
            : WriteAsync(context, status, new ErrorModel(message, request, method), ImgurJson.Default.ErrorModel);
    }

    /// <param name="jsonEntityTag">The entity tag of <paramref name="json"/>, when it is known already.</param>
    private static async Task WriteEnvelopeAsync(HttpContext context, int status, ReadOnlyMemory<byte> json, string? jsonEntityTag, bool holdsSecrets)
    {
        var response = context.Response;
        // What an API route answers depends on the credentials it was called with (an owner sees the deletehash, an
        // account its own vote, every caller its own credits, none at all a 401), so a shared cache keys on them.
        response.Headers.Append(HeaderNames.Vary, HeaderNames.Authorization);
        if (holdsSecrets)
        {
            // Neither a browser's disk cache nor a proxy may keep it, for whoever uses that browser or proxy next.
            response.Headers.CacheControl = "no-store";
        }
        var format = ResponseFormat.Of(context);
        ReadOnlyMemory<byte> body;
        string contentType;
        var etag = jsonEntityTag;
        switch (format.Kind)
        {
            case ResponseKind.Xml:
                etag = null;
                body = ToXml(json.Span);
                contentType = "application/xml; charset=utf-8";
                break;
            case ResponseKind.Jsonp:
                etag = null;
                body = WrapInCallback(format.Callback!, json.Span);
                contentType = "application/javascript; charset=utf-8";
                response.Headers.XContentTypeOptions = "nosniff";
                break;
            default:
                body = json;
                contentType = "application/json";
                break;
        }

        response.StatusCode = format.FakeStatus ? StatusCodes.Status200OK : status;
        if (HttpMethods.IsGet(context.Request.Method) && status == StatusCodes.Status200OK)
        {
            etag ??= ComputeEntityTag(body.Span);
            response.Headers.ETag = etag;
            if (IfNoneMatchContains(context.Request, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    // Imgur's ETags are 40 hex digits: a 128-bit XXH3 digest of the body and its length keep that shape. An entity tag
    // only has to change with the body, not to resist forgery: OpenSSL's SHA-256 cost a small JSON answer more than
    // writing it (bench/README.md, "The read paths and the credit limiter").
    private static string ComputeEntityTag(ReadOnlySpan<byte> body)
    {
        Span<byte> tag = stackalloc byte[20];
        XxHash128.Hash(body, tag);
        BinaryPrimitives.WriteInt32BigEndian(tag[16..], body.Length);
        Span<char> text = stackalloc char[42];
        text[0] = '"';
        Convert.TryToHexStringLower(tag, text[1..^1], out _);
        text[^1] = '"';
        return new string(text);
    }

    private static bool IfNoneMatchContains(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0)
        {
            return false;
        }
        foreach (var candidate in header)
        {
            if (candidate is null)
            {
                continue;
            }
            foreach (var part in candidate.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var value = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
                if (value == "*" || value == etag)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] WrapInCallback(string callback, ReadOnlySpan<byte> json)
    {
        // The leading comment stops a crafted callback from being read as a file signature (Rosetta Flash).
        var prefix = Encoding.UTF8.GetBytes($"/**/{callback}(");
        var result = new byte[prefix.Length + json.Length + 2];
        prefix.CopyTo(result, 0);
        json.CopyTo(result.AsSpan(prefix.Length));
        result[^2] = (byte)')';
        result[^1] = (byte)';';
        return result;
    }

    /// <summary>
    /// Imgur's XML: <c>&lt;data success="1" status="200"&gt;…&lt;/data&gt;</c>, objects as elements,
    /// arrays as repeated <c>&lt;item&gt;</c> children (docs/imgur-compatibility.md §3.2).
    /// </summary>
    private static byte[] ToXml(ReadOnlySpan<byte> envelopeJson)
    {
        using var document = JsonDocument.Parse(envelopeJson.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
        var root = document.RootElement;
        using var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("data");
            xml.WriteAttributeString("success", root.GetProperty("success").GetBoolean() ? "1" : "0");
            xml.WriteAttributeString("status", root.GetProperty("status").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteXmlContent(xml, root.GetProperty("data"));
            xml.WriteEndElement();
        }
        return output.ToArray();
    }

    /// <summary>XML 1.0 cannot carry control characters or lone surrogates that JSON can; they become U+FFFD.</summary>
    private static string XmlSafe(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
            }
        }
        return builder.ToString();
    }

    private static void WriteXmlContent(XmlWriter xml, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    xml.WriteStartElement(XmlConvert.EncodeLocalName(property.Name));
                    WriteXmlContent(xml, property.Value);
                    xml.WriteEndElement();
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    xml.WriteStartElement("item");
                    WriteXmlContent(xml, item);
                    xml.WriteEndElement();
                }
                break;
            case JsonValueKind.String:
                xml.WriteString(XmlSafe(element.GetString()!));
                break;
            case JsonValueKind.True:
                xml.WriteString("true");
                break;
            case JsonValueKind.False:
                xml.WriteString("false");
                break;
            case JsonValueKind.Number:
                xml.WriteString(element.GetRawText());
                break;
            default:
                break;
        }
    }
}
