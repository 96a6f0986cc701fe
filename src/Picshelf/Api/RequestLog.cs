using System.Diagnostics;

namespace Picshelf.Api;

/// <summary>
/// One line per request: method, route template, status, duration and what kind of caller made it. The route is the
/// template (<c>/3/image/{imageHash}</c>), never the path, so no deletehash, token or e-mail address reaches the log,
/// and no header or query either. Off unless <c>Logging:LogLevel:Picshelf.Api.RequestLog=Information</c> (Program.cs says
/// why); the console writes it as text, or as JSON with <c>Logging:Console:FormatterName=json</c>, each field a property.
/// </summary>
public sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var duration = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            var callerKind = CallerKind(context);
            Answered(logger, context.Request.Method, route, status, duration, callerKind);
        }
    }

    /// <summary>
    /// <c>client</c> is an application with its Client-ID, <c>user</c> one with an account's Bearer token, <c>anonymous</c> an
    /// API read without credentials, <c>session</c> a signed-in reader of the web site, <c>visitor</c> anyone else.
    /// </summary>
    private static string CallerKind(HttpContext context) => context.Features.Get<Caller>() switch
    {
        { HasAccount: true } => "user",
        { IsAnonymous: false } => "client",
        not null => "anonymous",
        null when context.User.Identity?.IsAuthenticated == true => "session",
        null => "visitor",
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} answered {Status} in {DurationMs:0.0} ms to a {CallerKind}")]
    private static partial void Answered(ILogger logger, string method, string route, int status, double durationMs, string callerKind);
}
