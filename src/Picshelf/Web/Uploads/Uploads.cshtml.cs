using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;
using Picshelf.Media;
using Picshelf.OAuth;

namespace Picshelf.Web;

/// <summary>
/// "My uploads": the signed-in account's images, newest first, each with its title editable and a delete button. The
/// changes go through the API's own code (<see cref="ImageEndpoints.UpdateAsync"/>, <see cref="ImageEndpoints.DeleteImage"/>),
/// so who may change what is decided in one place: someone else's image is refused here as it is there. Images ticked on
/// the grid become an album of the account through <see cref="AlbumEndpoints.CreateAlbum"/>, as <c>POST /3/album</c> makes one.
/// </summary>
public sealed class UploadsModel(PicshelfDb db, ImageDirectory directory, IGalleryMembership gallery, ImageRemoval removal, PublicLinks links,
    ItemIds itemIds, TimeProvider time, PageLinks pages, PageCallers callers)
    : PageModel
{
    public const int PerPage = 60;

    public sealed record Upload(string Id, string? Title, string Link, string Thumbnail);

    public IReadOnlyList<Upload> Images { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasNext { get; private set; }
    public string? Error { get; private set; }

    private int Owner => WebPages.AccountId(User) ?? throw new InvalidOperationException("The page requires a signed-in account");

    public async Task OnGetAsync(int page, CancellationToken cancellationToken) => await ShowAsync(page, cancellationToken);

    public async Task<IActionResult> OnPostTitleAsync(string? id, string? title, int page, CancellationToken cancellationToken) =>
        await ChangeAsync(page, async caller =>
        {
            await ImageEndpoints.UpdateAsync(id ?? "", new Dictionary<string, string> { ["title"] = title ?? "" }, caller, db, directory, gallery,
                cancellationToken);
            return SamePage(page);
        }, cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(string? id, int page, CancellationToken cancellationToken) =>
        await ChangeAsync(page, async caller =>
        {
            await ImageEndpoints.DeleteImage(id ?? "", caller, db, removal, cancellationToken);
            return SamePage(page);
        }, cancellationToken);

    /// <summary>
    /// The ticked images (the form's <c>ids</c>, and its <c>title</c>) become an album of the account, made by the site's
    /// application, whose page it goes to. The API would make an empty album; a page whose button says "make an album of
    /// these" refuses to.
    /// </summary>
    public async Task<IActionResult> OnPostAlbumAsync(string[]? ids, int page, CancellationToken cancellationToken) =>
        await ChangeAsync(page, async caller =>
        {
            if (ids is not { Length: > 0 })
            {
                throw ApiException.BadRequest("Select at least one image to make an album");
            }
            var created = await AlbumEndpoints.CreateAlbum(Request, caller, db, itemIds, time, cancellationToken);
            return pages.AlbumPage(HttpContext, created.Data.Id);
        }, cancellationToken);

    private static string SamePage(int page) => page > 1 ? $"/account/uploads?page={page}" : "/account/uploads";

    /// <summary>
    /// Charged as the API charges the same call (<see cref="PageCallers"/>), then done: to where the change says (so a reload
    /// does not post again). Refused: the page with the reason and its status.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(int page, Func<Caller, Task<string>> change, CancellationToken cancellationToken)
    {
        try
        {
            return Redirect(await change(await callers.ChangingAsync(HttpContext, cancellationToken)));
        }
        catch (ApiException refused)
        {
            Error = WebPages.Refuse(Response, refused);
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
