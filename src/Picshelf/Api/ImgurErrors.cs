namespace Picshelf.Api;

/// <summary>
/// Turns every failure into the error envelope: thrown <see cref="ApiException"/>s, the framework's
/// own 400/404/405/413 (unknown routes, wrong methods, bodies over the limit, binding failures) and
/// unexpected exceptions, which answer a generic 500 and go to the log only.
/// </summary>
public sealed class ImgurErrors(RequestDelegate next, ILogger<ImgurErrors> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException failure) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await WriteAsync(context, failure);
            return;
        }
        catch (BadHttpRequestException failure) when (!context.Response.HasStarted)
        {
            var message = failure.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "File is over the size limit"
                : "Bad Request: " + failure.Message;
            context.Response.Clear();
            await WriteAsync(context, failure.StatusCode, message, null);
            return;
        }
        catch (InvalidDataException failure) when (!context.Response.HasStarted)
        {
            // The form readers report their limits this way: only the body's length is a size problem.
            var tooLarge = failure.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase);
            context.Response.Clear();
            await WriteAsync(context, tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                tooLarge ? "File is over the size limit" : "Bad Request: " + failure.Message, null);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception failure) when (!context.Response.HasStarted && IsContention(failure))
        {
            // The database undid this request's transaction to break a deadlock (or a conflict it could not serialize):
            // nothing was written and the same request will most likely go through now. Not an outage.
            logger.LogWarning(failure, "The database undid {Method} {Path} to break a deadlock", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "1";
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The service is busy: try the request again", null);
            return;
        }
        catch (Exception failure) when (!context.Response.HasStarted && StorageFull.Caused(failure))
        {
            // The disk (or the database's) is full: what this request wrote was undone as for any failure, and reads
            // go on; 507 says the server, not the request, must change before a write can succeed.
            logger.LogError(failure, "No space left to complete {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await WriteAsync(context, StatusCodes.Status507InsufficientStorage, "The server has no space left to store this: try again later", null);
            return;
        }
        catch (Exception failure) when (!context.Response.HasStarted && OutageOf(failure) is { } part)
        {
            // The database or the image store went away (a restart, a failover): nothing half-written points at it,
            // and the request may succeed once it is back, so 503, not 500.
            logger.LogError(failure, "The {Part} could not be reached on {Method} {Path}", part, context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "5";
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, $"The service is unavailable: its {part} cannot be reached", null);
            return;
        }
        catch (Exception failure) when (!context.Response.HasStarted)
        {
            logger.LogError(failure, "Unhandled failure on {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "Could not complete request", null);
            return;
        }

        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && response.ContentType is null)
        {
            await WriteAsync(context, response.StatusCode, DefaultMessage(response.StatusCode), null);
        }
    }

    /// <summary>A deadlock (SQLSTATE 40P01) or a serialization failure (40001), anywhere in the chain.</summary>
    private static bool IsContention(Exception failure)
    {
        for (Exception? cause = failure; cause is not null; cause = cause.InnerException)
        {
            if (cause is System.Data.Common.DbException { SqlState: "40P01" or "40001" })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The part that is down, anywhere in the chain: a failure the database driver calls transient (a lost or
    /// refused connection, a server shutting down), or any failure of the blob store.
    /// </summary>
    private static string? OutageOf(Exception failure)
    {
        for (Exception? cause = failure; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case System.Data.Common.DbException { IsTransient: true }:
                    return "database";
                case Storage.BlobStoreUnavailableException:
                    return "image store";
            }
        }
        return null;
    }

    // A thrown failure clears what the handler had set; a framework status keeps its headers (416's Content-Range).
    /// <summary>A refusal as its envelope, with its <c>Retry-After</c> when it has one: thrown here, or returned by the credit charge.</summary>
    public static async Task WriteAsync(HttpContext context, ApiException failure)
    {
        if (failure.RetryAfter is { } wait)
        {
            ApiException.WriteRetryAfter(context.Response, wait);
        }
        await WriteAsync(context, failure.Status, failure.Message, failure.UploadErrorCode);
    }

    private static Task WriteAsync(HttpContext context, int status, string message, int? uploadErrorCode) =>
        ImgurResponseWriter.WriteErrorAsync(context, status, message, uploadErrorCode);

    private static string DefaultMessage(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad Request",
        StatusCodes.Status401Unauthorized => "Authentication required",
        StatusCodes.Status403Forbidden => "Permission denied",
        StatusCodes.Status404NotFound => "Not Found",
        StatusCodes.Status405MethodNotAllowed => "Method Not Allowed",
        StatusCodes.Status413PayloadTooLarge => "File is over the size limit",
        StatusCodes.Status415UnsupportedMediaType => "File type invalid (1)",
        StatusCodes.Status416RangeNotSatisfiable => "Requested range not satisfiable",
        _ => "Could not complete request",
    };
}
