using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Picshelf.Web;

public sealed class NotFoundModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;
}
