using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Picshelf.Web;

/// <summary>
/// A form posted to a page with no handler for it (a POST to a page that only shows something, or a <c>?handler=</c>
/// naming none of its handlers) is refused before the page renders. Razor Pages would render it without running any
/// handler: with none of the data its view reads (a 500), or, on a signed-in page, with an empty model (a 200 saying the
/// account has nothing). 405, with the methods the page takes in <c>Allow</c>, when it takes no request of that method;
/// the 404 page when it does, under other handler names.
/// </summary>
public sealed class MissingPageHandler : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is not null || HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            return;
        }
        var handlers = context.ActionDescriptor.HandlerMethods;
        if (handlers.Any(handler => handler.HttpMethod.Equals(method, StringComparison.OrdinalIgnoreCase)))
        {
            context.Result = new NotFoundResult();
            return;
        }
        context.HttpContext.Response.Headers.Allow = string.Join(", ",
            handlers.Select(handler => handler.HttpMethod.ToUpperInvariant()).Prepend(HttpMethods.Head).Prepend(HttpMethods.Get).Distinct());
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
