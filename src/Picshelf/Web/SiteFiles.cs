using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Picshelf.Web;

/// <summary>
/// The site's own files (<c>wwwroot</c>: stylesheet, scripts, icons, robots.txt), and the HTML 404 page browsers get
/// for a path nothing serves.
/// </summary>
public static class SiteFiles
{
    /// <summary>Where a browser's request for a missing page is answered (re-executed, as ASP.NET's status-code pages do).</summary>
    public const string NotFoundPath = "/not-found";

    /// <summary>Where a page's other refusals are shown (<see cref="ErrorPageModel"/>).</summary>
    public const string ErrorPath = "/error";

    /// <summary>
    /// Before routing, so a file costs no route match, and before <c>/favicon.ico</c> could be read as an image's direct
    /// link. The files are embedded in the assembly: the server finds them wherever it is started from. They carry no
    /// version in their names, so browsers keep them an hour and then revalidate by ETag.
    /// </summary>
    public static IApplicationBuilder UseSiteFiles(this IApplicationBuilder app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new ManifestEmbeddedFileProvider(typeof(SiteFiles).Assembly, "wwwroot"),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        app.Use(ErrorPageAsync);
        return app;
    }

    /// <summary>
    /// A browser (a GET that accepts HTML) asking for a path no endpoint serves gets the site's 404 page instead of the
    /// API's JSON envelope. The API's paths (<c>/3/…</c>, <c>/oauth2/token</c>) and everything an endpoint answers,
    /// direct links included, keep their answers exactly: clients parse them. A page whose item is missing (an image page
    /// of a deleted image, a wrong deletion link) answers <c>NotFound()</c> and gets the same page, whoever asks and
    /// however: its address was a page's, so HTML is what it answers. So does any other refusal a page answers without
    /// a body of its own (a form whose antiforgery token no longer fits the session, a method the page does not take):
    /// the error page, under the refusal's status, instead of the envelope meant for API clients.
    /// </summary>
    private static async Task ErrorPageAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        var request = context.Request;
        var response = context.Response;
        if (response.StatusCode < StatusCodes.Status400BadRequest || response.HasStarted)
        {
            return;
        }
        var pageAnsweredNothing = context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null && response.ContentType is null;
        var browserFoundNothing = response.StatusCode == StatusCodes.Status404NotFound && context.GetEndpoint() is null
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !IsApiPath(request.Path) && AcceptsHtml(request);
        if (!pageAnsweredNothing && !browserFoundNothing)
        {
            return;
        }
        var (path, method, status, allow) = (request.Path, request.Method, response.StatusCode, response.Headers.Allow);
        request.Path = status == StatusCodes.Status404NotFound ? NotFoundPath : ErrorPath;
        // A form posted to a deletion link that deletes nothing is shown the page, not offered the 404 page's own handlers.
        request.Method = HttpMethods.IsHead(method) ? method : HttpMethods.Get;
        context.SetEndpoint(null);
        request.RouteValues.Clear();
        response.Clear();
        response.Headers.Allow = allow;
        context.Features.Set(new RefusedPage(status));
        try
        {
            await next(context);
        }
        finally
        {
            (request.Path, request.Method) = (path, method);
        }
    }

    private static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/3") || path.StartsWithSegments("/oauth2/token");

    private static bool AcceptsHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(type => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && type.Quality is not 0);
}
