using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Media;

namespace Picshelf.Web;

/// <summary>
/// "Your uploads", albums: every album of the signed-in account (hidden and secret ones too), newest first as
/// <c>GET /3/account/me/albums</c> lists them, each with its title, description and privacy editable and a delete button.
/// The changes are <c>PUT /3/album/{id}</c>'s and <c>DELETE /3/album/{id}</c>'s own code (<see cref="AlbumEndpoints.UpdateAsync"/>,
/// <see cref="AlbumEndpoints.DeleteAlbum"/>): the gallery's rule on secret albums holds here too, and deleting an album
/// leaves its images, which are the account's.
/// </summary>
public sealed class UploadedAlbumsModel(PicshelfDb db, AccountAlbums albums, AlbumEditing editing, AlbumRemoval removal, PublicLinks links,
    PageCallers callers)
    : UploadsTab(callers)
{
    public const int PerPage = Paging.DefaultPerPage;

    public sealed record UploadedAlbum(AlbumModel Album, string? CoverThumbnail);

    public IReadOnlyList<UploadedAlbum> Albums { get; private set; } = [];
    public int Count { get; private set; }

    public static IReadOnlyList<string> Privacies => [AlbumPrivacies.Public, AlbumPrivacies.Hidden, AlbumPrivacies.Secret];

    public override string Path => "/account/uploads/albums";

    public async Task<IActionResult> OnPostDetailsAsync(string? id, CancellationToken cancellationToken) =>
        await ChangeAsync(async caller =>
        {
            await AlbumEndpoints.UpdateAsync(id ?? "", Posted("title", "description", "privacy"), caller, db, editing, cancellationToken);
            return SamePage;
        }, cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(string? id, CancellationToken cancellationToken) =>
        await ChangeAsync(async caller =>
        {
            await AlbumEndpoints.DeleteAlbum(id ?? "", caller, db, removal, cancellationToken);
            return SamePage;
        }, cancellationToken);

    protected override async Task ShowPageAsync(CancellationToken cancellationToken)
    {
        var owner = PageCallers.Reading(HttpContext);
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == Owner, cancellationToken);
        Count = await albums.CountAsync(account, owner, cancellationToken);
        HasNext = Count > PageNumber * PerPage;
        var page = await albums.ListAsync(HttpContext, account, owner, new Paging(PageNumber - 1, PerPage), cancellationToken);
        // Any extension reaches a thumbnail (clients hard-code .jpg), so the cover's own type need not be read.
        Albums = page.Select(album => new UploadedAlbum(album,
            album.Cover is { } cover ? links.ThumbnailLink(HttpContext, cover, "image/jpeg", ThumbnailSize.BigSquare) : null)).ToList();
    }
}
