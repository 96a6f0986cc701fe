using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;
using Picshelf.Media;

namespace Picshelf.Web;

/// <summary>
/// "My uploads": the signed-in account's images, newest first, each with its title editable and a delete button. The
/// changes go through the API's own code (<see cref="ImageEndpoints.UpdateAsync"/>, <see cref="ImageEndpoints.DeleteImage"/>),
/// so who may change what is decided in one place: someone else's image is refused here as it is there.
/// </summary>
public sealed class UploadsModel(PicshelfDb db, ImageDirectory directory, IGalleryMembership gallery, ImageRemoval removal, PublicLinks links)
    : PageModel
{
    public const int PerPage = 60;

    public sealed record Upload(string Id, string? Title, string Link, string Thumbnail);

    public IReadOnlyList<Upload> Images { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasNext { get; private set; }
    public string? Error { get; private set; }

    private int Owner => WebPages.AccountId(User) ?? throw new InvalidOperationException("The page requires a signed-in account");

    /// <summary>The account as the API sees a Bearer caller; the rules that decide ownership read only the account.</summary>
    private Caller Caller => new(null, Owner, User.Identity?.Name, HttpContext.Connection.RemoteIpAddress);

    public async Task OnGetAsync(int page, CancellationToken cancellationToken) => await ShowAsync(page, cancellationToken);

    public async Task<IActionResult> OnPostTitleAsync(string? id, string? title, int page, CancellationToken cancellationToken) =>
        await ChangeAsync(page, () => ImageEndpoints.UpdateAsync(id ?? "", new Dictionary<string, string> { ["title"] = title ?? "" }, Caller, db,
            directory, gallery, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(string? id, int page, CancellationToken cancellationToken) =>
        await ChangeAsync(page, () => ImageEndpoints.DeleteImage(id ?? "", Caller, db, removal, cancellationToken), cancellationToken);

    /// <summary>Done: back to the same page (so a reload does not post again). Refused: the page with the reason and its status.</summary>
    private async Task<IActionResult> ChangeAsync(int page, Func<Task> change, CancellationToken cancellationToken)
    {
        try
        {
            await change();
            return Redirect(page > 1 ? $"/account/uploads?page={page}" : "/account/uploads");
        }
        catch (ApiException refused)
        {
            Error = refused.Message;
            Response.StatusCode = refused.Status;
        }
        await ShowAsync(page, cancellationToken);
        return Page();
    }

    private async Task ShowAsync(int page, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, page);
        // One more than a page tells whether there is a next one without counting them all.
        var rows = await ImageEndpoints.Newest(db, Owner).Skip((PageNumber - 1) * PerPage).Take(PerPage + 1)
            .Select(i => new { i.Id, i.Title, i.Type }).ToListAsync(cancellationToken);
        HasNext = rows.Count > PerPage;
        Images = rows.Take(PerPage).Select(row => new Upload(row.Id, row.Title, links.DirectLink(HttpContext, row.Id, row.Type),
            links.ThumbnailLink(HttpContext, row.Id, row.Type, ThumbnailSize.BigSquare))).ToList();
    }
}
