using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace Picshelf.Api;

/// <summary>
/// How the client asked to see the envelope: the <c>.json</c>/<c>.xml</c> suffix of the route,
/// a JSONP <c>callback</c>, and <c>_fake_status=200</c> (docs/imgur-compatibility.md §3).
/// </summary>
public sealed partial class ResponseFormat
{
    public static readonly ResponseFormat Default = new(ResponseKind.Json, null, false);

    private ResponseFormat(ResponseKind kind, string? callback, bool fakeStatus)
    {
        Kind = kind;
        Callback = callback;
        FakeStatus = fakeStatus;
    }

    public ResponseKind Kind { get; }
    public string? Callback { get; }
    public bool FakeStatus { get; }

    public static ResponseFormat Of(HttpContext context) =>
        context.Features.Get<ResponseFormat>() ?? Default;

    /// <summary>
    /// Reads the format from the request and strips the suffix from the path so routes match
    /// <c>/3/image/abc.json</c> like <c>/3/image/abc</c>. Runs before routing.
    /// </summary>
    public static async Task NegotiateAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/3/", StringComparison.Ordinal) && !path.StartsWith("/oauth2/", StringComparison.Ordinal))
        {
            // Direct links and pages take no format options; their errors are plain JSON envelopes.
            await next();
            return;
        }
        var kind = ResponseKind.Json;
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            context.Request.Path = path[..^5];
        }
        else if (path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
        {
            context.Request.Path = path[..^4];
            kind = ResponseKind.Xml;
        }

        var fakeStatus = await ParameterAsync(context.Request, "_fake_status") == "200";
        var callback = await ParameterAsync(context.Request, "callback");
        if (!string.IsNullOrEmpty(callback))
        {
            if (!CallbackPattern().IsMatch(callback))
            {
                context.Features.Set(new ResponseFormat(ResponseKind.Json, null, fakeStatus));
                throw ApiException.BadRequest("Invalid callback: it must be a JavaScript identifier path such as handler or app.onImage");
            }
            kind = ResponseKind.Jsonp;
        }

        if (kind != ResponseKind.Json || fakeStatus)
        {
            context.Features.Set(new ResponseFormat(kind, callback, fakeStatus));
        }
        await next();
    }

    /// <summary>
    /// Both parameters may come "via either GET or POST": the query, or a small urlencoded body, which
    /// the form feature keeps for the endpoint to read again.
    /// </summary>
    private static async ValueTask<string?> ParameterAsync(HttpRequest request, string name)
    {
        if (request.Query.TryGetValue(name, out var fromQuery))
        {
            return fromQuery.ToString();
        }
        if (HttpMethods.IsPost(request.Method) && request.ContentLength <= SmallFormBytes && request.HasFormContentType
            && MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.TryGetValue(name, out var fromForm) ? fromForm.ToString() : null;
        }
        return null;
    }

    private const long SmallFormBytes = 64 * 1024;

    // Only dotted identifier paths: anything else (quotes, markup, parentheses) could turn the
    // response into script the caller did not write.
    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]{0,63}(\.[A-Za-z_$][A-Za-z0-9_$]{0,63}){0,7}\z")]
    private static partial Regex CallbackPattern();
}
