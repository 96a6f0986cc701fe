using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Picshelf.Tests.Infrastructure;

namespace Picshelf.Tests.Images;

/// <summary>
/// A valid image as base64 text, with the liberties clients take (whitespace, the URL-safe alphabet, no padding, a data
/// URI) and perhaps real damage, in one of the ways an upload carries base64. Vertical tab and form feed count as
/// damage: base64 decoding skips them, but in a field they are control characters, which the text-field rule refuses.
/// </summary>
public sealed record Base64Case(int Seed, (int Position, char Space)[] Whitespace, bool UrlSafe, bool Unpadded, bool DataUri, (int Position, string Junk)? Damage, string Carrier)
{
    public static readonly Gen<Base64Case> Any =
        from seed in Gen.Int[0, ImageMutation.SeedImages.Count - 1]
        from whitespace in Gen.Select(Gen.Int[0, int.MaxValue], Gen.Char[" \r\n\t"]).Array[0, 6]
        from urlSafe in Gen.Bool
        from unpadded in Gen.Bool
        from dataUri in Gen.Bool
        from damage in Gen.Frequency(
            (2, Gen.Const(default((int, string)?))),
            (1, Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOf("=", "==", "!", "*", ".", "%", "é", "\0", "\v", "\f", "A", "AB", "-_")).Select(d => ((int, string)?)d)))
        from carrier in Gen.OneOf("urlencoded", "json", "multipart field", "bare body")
        select new Base64Case(seed, whitespace, urlSafe, unpadded, dataUri, damage, carrier);

    public HttpRequestMessage Request()
    {
        var text = Convert.ToBase64String(ImageMutation.SeedImages[Seed].Bytes);
        if (UrlSafe)
        {
            text = text.Replace('+', '-').Replace('/', '_');
        }
        if (Unpadded)
        {
            text = text.TrimEnd('=');
        }
        foreach (var (position, space) in Whitespace)
        {
            text = text.Insert(position % (text.Length + 1), space.ToString());
        }
        if (Damage is var (at, junk))
        {
            text = text.Insert(at % (text.Length + 1), junk);
        }
        if (DataUri)
        {
            text = "data:image/whatever;base64," + text;
        }
        HttpContent content = Carrier switch
        {
            "urlencoded" => Forms.Form(("image", text), ("type", "base64")),
            "json" => new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["image"] = text, ["type"] = "base64" }), Encoding.UTF8, "application/json"),
            "multipart field" => new MultipartFormDataContent { { new StringContent(text), "image" } },
            _ => new StringContent(text) { Headers = { ContentType = null } },
        };
        return new HttpRequestMessage(HttpMethod.Post, "/3/image") { Content = content };
    }

    public override string ToString() =>
        $"{ImageMutation.SeedImages[Seed].Name} as {Carrier}: whitespace [{string.Join(", ", Whitespace.Select(w => $"{w.Position}:{(int)w.Space}"))}], "
        + $"url-safe {UrlSafe}, unpadded {Unpadded}, data URI {DataUri}, damage {(Damage is var (at, junk) ? $"{JsonSerializer.Serialize(junk)} at {at}" : "none")}";
}

/// <summary>
/// A random urlencoded, JSON or multipart upload body: field names the upload reads and others, values with control
/// characters, half surrogate pairs, markup and base64 of real images, deep JSON, odd boundaries and content types,
/// and then perhaps a few bytes of it flipped, cut or repeated. A field's <c>OtherForm</c> sends it as a file part in
/// multipart, unescaped in urlencoded, as a number in JSON.
/// </summary>
public sealed record RandomBody(string Kind, string Route, (string Name, string Value, bool OtherForm)[] Fields, int Depth, string Boundary, string? ContentType, ImageMutation[] Damage)
{
    private const string NastyCharacters = "aZ09 =&%+;\"'\\{}[]:,<>\r\n\t\0\u0001\u007f\u00e9\u2028\ud800\udc00-";

    private static readonly Gen<string> Value = Gen.Frequency(
        (4, Gen.String[Gen.Char[NastyCharacters], 0, 40]),
        (1, Gen.OneOf("file", "base64", "url", "URL", "stream", "", "0", "200")),
        (1, Gen.Int[0, ImageMutation.SeedImages.Count - 1].Select(seed => Convert.ToBase64String(ImageMutation.SeedImages[seed].Bytes))));

    private static readonly Gen<(string, string, bool)> Field = Gen.Select(
        Gen.Frequency(
            (4, Gen.OneOf("image", "type", "title", "description", "name", "album", "callback", "_fake_status", "video", "image[]")),
            (1, Gen.String[Gen.Char[NastyCharacters], 0, 12])),
        Value,
        Gen.Bool);

    public static readonly Gen<RandomBody> Any =
        from kind in Gen.OneOf("urlencoded", "json", "multipart")
        from route in Gen.OneOf("/3/image", "/3/upload", "/3/image.xml", "/3/upload.json")
        from fields in Field.Array[0, 6]
        from depth in Gen.Frequency((4, Gen.Const(0)), (1, Gen.Int[1, 40]))
        from boundary in Gen.String[Gen.Char["abcXYZ019'()+_,-./:=? \""], 0, 72]
        from contentType in Gen.Frequency(
            (6, Gen.Const(default(string))),
            (1, Gen.OneOf<string?>("multipart/form-data", "application/json; charset=utf-16", "text/plain", "application/x-www-form-urlencoded; charset=latin1", "multipart/mixed; boundary=x", "")))
        from damage in ImageMutation.Any.Array[0, 2]
        select new RandomBody(kind, route, fields, depth, boundary, contentType, damage);

    public HttpRequestMessage Request()
    {
        var (bytes, contentType) = Kind switch
        {
            "urlencoded" => (Encoding.UTF8.GetBytes(string.Join('&', Fields.Select(f => $"{Escape(f.Name)}={(f.OtherForm ? f.Value : Escape(f.Value))}"))), "application/x-www-form-urlencoded"),
            "json" => (Encoding.UTF8.GetBytes(Json()), "application/json"),
            _ => (Multipart(), $"multipart/form-data; boundary=\"{Boundary}\""),
        };
        var content = new ByteArrayContent(Damage.Aggregate(bytes, (body, mutation) => mutation.Apply(body)));
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType ?? contentType);
        return new HttpRequestMessage(HttpMethod.Post, Route) { Content = content };
    }

    /// <summary>Percent-encodes every byte of the UTF-8 form (a half surrogate pair becomes U+FFFD, as a browser sends it).</summary>
    private static string Escape(string text) => string.Concat(Encoding.UTF8.GetBytes(text).Select(b => char.IsAsciiLetterOrDigit((char)b) ? ((char)b).ToString() : $"%{b:X2}"));

    /// <summary>An object of the fields, strings escaped as \uXXXX (so half surrogate pairs arrive as such), the last one nested <see cref="Depth"/> deep.</summary>
    private string Json()
    {
        static string Quote(string text) => "\"" + string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) ? c.ToString() : $"\\u{(int)c:x4}")) + "\"";
        var members = Fields.Select(f => $"{Quote(f.Name)}:{(f.OtherForm ? JsonSerializer.Serialize(f.Value.Length) : Quote(f.Value))}").ToList();
        members.Add($"\"nested\":{new string('[', Depth)}1{new string(']', Depth)}");
        return "{" + string.Join(',', members) + "}";
    }

    /// <summary>Parts of the fields; a file part carries its value as a file name and the bytes of a seed image.</summary>
    private byte[] Multipart()
    {
        var body = new MemoryStream();
        foreach (var (name, value, asFile) in Fields)
        {
            var disposition = asFile ? $"form-data; name=\"{name}\"; filename=\"{value}\"" : $"form-data; name=\"{name}\"";
            body.Write(Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: {disposition}\r\n\r\n"));
            body.Write(asFile ? ImageMutation.SeedImages[value.Length % ImageMutation.SeedImages.Count].Bytes : Encoding.UTF8.GetBytes(value));
            body.Write("\r\n"u8);
        }
        body.Write(Encoding.UTF8.GetBytes($"--{Boundary}--\r\n"));
        return body.ToArray();
    }
}
