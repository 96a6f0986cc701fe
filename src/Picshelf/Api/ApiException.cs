namespace Picshelf.Api;

/// <summary>A failure the client caused or may see; the one error writer turns it into the Imgur envelope.</summary>
public sealed class ApiException(int status, string message, int? uploadErrorCode = null) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>
    /// Set for upload and processing failures, which Imgur reports with the object form
    /// <c>{"code":…,"message":…,"type":…}</c> instead of a plain string (docs/imgur-compatibility.md §2.2).
    /// </summary>
    public int? UploadErrorCode { get; } = uploadErrorCode;

    /// <summary>Sent as <c>Retry-After</c>: how long a throttled caller waits before its window starts afresh.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>
    /// The request field the failure is about, when one is: the API's envelope leaves it out, a page shows the message
    /// beside that field's input.
    /// </summary>
    public string? Field { get; private init; }

    /// <summary>The same failure, naming the field it is about.</summary>
    public ApiException About(string field) => new(Status, Message, UploadErrorCode) { RetryAfter = RetryAfter, Field = field };

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
    public static ApiException Unauthorized(string message = "Authentication required") => new(StatusCodes.Status401Unauthorized, message);
    public static ApiException Forbidden(string message) => new(StatusCodes.Status403Forbidden, message);

    /// <summary>
    /// An unknown, revoked or expired token: imgurpython and ShareX refresh their token only on a 403 with exactly this message
    /// (docs/imgur-compatibility.md §4.2).
    /// </summary>
    public static ApiException InvalidToken() => Forbidden(InvalidTokenMessage);

    public const string InvalidTokenMessage = "The access token provided is invalid.";
    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);
    public static ApiException Conflict(string message) => new(StatusCodes.Status409Conflict, message);
    public static ApiException TooLarge(string message = "File is over the size limit") => new(StatusCodes.Status413PayloadTooLarge, message);

    /// <summary>A throttle's refusal, in the object form Imgur gives its rate limits' 429s.</summary>
    public static ApiException TooManyRequests(string message, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, message, 429) { RetryAfter = retryAfter };

    /// <summary>A wait as <c>Retry-After</c>, in whole seconds and at least one: a client told 0 would ask again at once.</summary>
    public static void WriteRetryAfter(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static ApiException InvalidUpload(string message) => new(StatusCodes.Status400BadRequest, message, 1002);
    public static ApiException UnsupportedType(string message = "File type invalid (1)") => new(StatusCodes.Status415UnsupportedMediaType, message, 1003);
}
