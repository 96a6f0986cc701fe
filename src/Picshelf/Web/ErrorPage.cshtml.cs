using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Picshelf.Web;

/// <summary>
/// What a browser is shown when a page refuses a request without saying why itself (<see cref="SiteFiles"/>): a form
/// whose antiforgery token no longer fits the session (signed out in another tab, a second press of "Sign out"), a method
/// the page does not take. The status is the refusal's; opened by its address, the page is a 404.
/// </summary>
public sealed class ErrorPageModel : PageModel
{
    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet()
    {
        var status = HttpContext.Features.Get<RefusedPage>()?.Status ?? StatusCodes.Status404NotFound;
        Response.StatusCode = status;
        (Heading, Explanation) = status switch
        {
            StatusCodes.Status400BadRequest => ("This form could not be accepted",
                "It may come from a page opened before you signed in or out. Go back, reload the page and try again."),
            StatusCodes.Status403Forbidden => ("Not allowed", "You may not do this."),
            StatusCodes.Status404NotFound => ("Nothing here", "There is no page at this address."),
            StatusCodes.Status405MethodNotAllowed => ("Not something this page does", "This page does not take that kind of request."),
            StatusCodes.Status413PayloadTooLarge => ("Too much at once", "That was more than this form takes."),
            _ => ("Something went wrong", "The request could not be completed. Try again in a moment."),
        };
    }
}

/// <summary>The status a page's request was refused with, for <see cref="ErrorPageModel"/> to show.</summary>
public sealed record RefusedPage(int Status);
