using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Api;

namespace Picshelf.Web;

/// <summary>
/// What the two tabs of "your uploads" (images, albums) share: the signed-in owner, the page number, and how a change is
/// made. A change is charged as the API charges the same call (<see cref="PageCallers"/>), then done, then the browser goes
/// where the change says (so a reload does not post again); refused, the tab is shown again with the reason and its status.
/// </summary>
public abstract class UploadsTab(PageCallers callers) : PageModel
{
    private int? pageNumber;

    /// <summary>
    /// From 1; read by hand, since Razor Pages binds a parameter named "page" to the page's own route value. A link has it
    /// in the query, a form as a field.
    /// </summary>
    public int PageNumber => pageNumber ??=
        int.TryParse(Request.HasFormContentType ? Request.Form["page"].ToString() : Request.Query["page"].ToString(), NumberStyles.None,
            CultureInfo.InvariantCulture, out var page) ? Math.Clamp(page, 1, Paging.MaxPage) : 1;
    public bool HasNext { get; protected set; }
    public string? Error { get; private set; }

    /// <summary>The tab's own address, which its paging links and redirects build on.</summary>
    public abstract string Path { get; }

    protected int Owner => WebPages.AccountId(User) ?? throw new InvalidOperationException("The page requires a signed-in account");

    public string PageLink(int page) => page > 1 ? $"{Path}?page={page.ToString(CultureInfo.InvariantCulture)}" : Path;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ShowPageAsync(cancellationToken);

    /// <summary>Fills the tab's list for <see cref="PageNumber"/>.</summary>
    protected abstract Task ShowPageAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The fields of the posted form among <paramref name="names"/>, as the API reads them: a field left empty is sent (it
    /// clears), a field the form does not have is not (it stays).
    /// </summary>
    protected IReadOnlyDictionary<string, string> Posted(params string[] names) =>
        names.Where(Request.Form.ContainsKey).ToDictionary(name => name, name => Request.Form[name].ToString(), StringComparer.Ordinal);

    protected async Task<IActionResult> ChangeAsync(Func<Caller, Task<string>> change, CancellationToken cancellationToken)
    {
        try
        {
            return Redirect(await change(await callers.ChangingAsync(HttpContext, cancellationToken)));
        }
        catch (ApiException refused)
        {
            Error = WebPages.Refuse(Response, refused);
        }
        await ShowPageAsync(cancellationToken);
        return Page();
    }

    /// <summary>Back to the page the form was on.</summary>
    protected string SamePage => PageLink(PageNumber);
}
