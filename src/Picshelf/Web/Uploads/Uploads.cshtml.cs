using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;
using Picshelf.Media;

namespace Picshelf.Web;

/// <summary>
/// "Your uploads", images: the signed-in account's images, newest first, each with its title and description editable and
/// a delete button. The changes go through the API's own code (<see cref="ImageEndpoints.UpdateAsync"/>,
/// <see cref="ImageEndpoints.DeleteImage"/>), so who may change what is decided in one place: someone else's image is
/// refused here as it is there. Images ticked on the grid become an album of the account through
/// <see cref="AlbumEndpoints.CreateAlbum"/>, as <c>POST /3/album</c> makes one.
/// </summary>
public sealed class UploadsModel(PicshelfDb db, ImageDirectory directory, IGalleryMembership gallery, ImageRemoval removal, PublicLinks links,
    ItemIds itemIds, TimeProvider time, PageLinks pages, PageCallers callers)
    : UploadsTab(callers)
{
    public const int PerPage = 60;

    public sealed record Upload(string Id, string? Title, string? Description, string Link, string Thumbnail);

    public IReadOnlyList<Upload> Images { get; private set; } = [];

    public override string Path => "/account/uploads";

    /// <summary>The title and the description, as <c>POST /3/image/{id}</c> takes them: a field the form has not sent stays as it is.</summary>
    public async Task<IActionResult> OnPostDetailsAsync(string? id, CancellationToken cancellationToken) =>
        await ChangeAsync(async caller =>
        {
            await ImageEndpoints.UpdateAsync(id ?? "", Posted("title", "description"), caller, db, directory, gallery, cancellationToken);
            return SamePage;
        }, cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(string? id, CancellationToken cancellationToken) =>
        await ChangeAsync(async caller =>
        {
            await ImageEndpoints.DeleteImage(id ?? "", caller, db, removal, cancellationToken);
            return SamePage;
        }, cancellationToken);

    /// <summary>
    /// The ticked images (the form's <c>ids</c>, and its <c>title</c>) become an album of the account, made by the site's
    /// application, whose page it goes to. The API would make an empty album; a page whose button says "make an album of
    /// these" refuses to.
    /// </summary>
    public async Task<IActionResult> OnPostAlbumAsync(string[]? ids, CancellationToken cancellationToken) =>
        await ChangeAsync(async caller =>
        {
            if (ids is not { Length: > 0 })
            {
                throw ApiException.BadRequest("Select at least one image to make an album");
            }
            var created = await AlbumEndpoints.CreateAlbum(Request, caller, db, itemIds, time, cancellationToken);
            return pages.AlbumPage(HttpContext, created.Data.Id);
        }, cancellationToken);

    protected override async Task ShowPageAsync(CancellationToken cancellationToken)
    {
        // One more than a page tells whether there is a next one without counting them all.
        var rows = await ImageEndpoints.Newest(db, Owner).Skip((PageNumber - 1) * PerPage).Take(PerPage + 1)
            .Select(i => new { i.Id, i.Title, i.Description, i.Type }).ToListAsync(cancellationToken);
        HasNext = rows.Count > PerPage;
        Images = rows.Take(PerPage).Select(row => new Upload(row.Id, row.Title, row.Description, links.DirectLink(HttpContext, row.Id, row.Type),
            links.ThumbnailLink(HttpContext, row.Id, row.Type, ThumbnailSize.BigSquare))).ToList();
    }
}
