using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Picshelf.Albums;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;
using Picshelf.Media;

namespace Picshelf.Web;

/// <summary>
/// <c>/delete/{deletehash}</c>, the deletion link an anonymous upload hands out. A GET only shows what would go (link
/// previews and prefetchers follow links, and must not delete); the form's POST, with its antiforgery token (checked by
/// Razor Pages before any handler), deletes through what <c>DELETE /3/image/{deletehash}</c> and
/// <c>DELETE /3/album/{deletehash}</c> run: the same access check and the same removal, charged as that call
/// is (<see cref="PageCallers"/>).
/// </summary>
public sealed class DeletePageModel(PicshelfDb db, ImageDirectory directory, PublicLinks links, AlbumPresenter albums, ImageRemoval imageRemoval,
    AlbumRemoval albumRemoval, PageCallers callers) : PageModel
{
    public bool IsAlbum { get; private set; }
    public string Title { get; private set; } = "";
    public string Id { get; private set; } = "";

    /// <summary>The small thumbnail of the image, or of the album's cover; none for an empty album.</summary>
    public string? Thumbnail { get; private set; }

    /// <summary>How many images the album holds: those uploaded into it anonymously and in no other go with it (<see cref="AlbumRemoval"/>).</summary>
    public int ImagesCount { get; private set; }

    public bool Deleted { get; private set; }

    /// <summary>Why the deletion was refused (a spent budget); the confirmation shows again with it.</summary>
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string deleteHash, CancellationToken cancellationToken)
    {
        var (image, album) = await FindAsync(deleteHash, cancellationToken);
        if (image is not null)
        {
            Id = image.Id;
            Title = ItemText.TitleOf(image.Title, "image");
            Thumbnail = links.ThumbnailLink(HttpContext, image.Id, image.Type, ThumbnailSize.Small);
            return Page();
        }
        if (album is null)
        {
            return NotFound();
        }
        // The presenter chooses the cover as the API shows it: the chosen one while it is in the album, else the first.
        var shown = (await albums.ModelsAsync(HttpContext, Reader(), [album], withImages: false, cancellationToken))[0];
        IsAlbum = true;
        Id = album.Id;
        Title = ItemText.TitleOf(album.Title, "album");
        ImagesCount = shown.ImagesCount;
        Thumbnail = shown.Cover is { } coverId && await directory.FindAsync(coverId, cancellationToken) is { Row: var cover }
            ? links.ThumbnailLink(HttpContext, cover.Id, cover.Type, ThumbnailSize.Small)
            : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string deleteHash, CancellationToken cancellationToken)
    {
        try
        {
            await callers.ChangingAsync(HttpContext, cancellationToken);
        }
        catch (ApiException refused)
        {
            Error = WebPages.Refuse(Response, refused);
            return await OnGetAsync(deleteHash, cancellationToken);
        }
        var (image, album) = await FindAsync(deleteHash, cancellationToken);
        var deleted = image is not null ? await imageRemoval.DeleteAsync(image.Id, cancellationToken)
            : album is not null && await albumRemoval.DeleteAsync(album.Id, cancellationToken);
        if (!deleted)
        {
            // Unknown, or deleted by another request meanwhile: either way there is nothing here any more.
            return NotFound();
        }
        IsAlbum = album is not null;
        Title = IsAlbum ? ItemText.TitleOf(album!.Title, "album") : ItemText.TitleOf(image!.Title, "image");
        Deleted = true;
        return Page();
    }

    private Caller Reader() => Caller.Anonymous(HttpContext.Connection.RemoteIpAddress);

    /// <summary>
    /// The image or album this deletehash manages, found by the API's own access checks. Only a deletehash's length is
    /// looked up: those checks also take an id from its signed-in owner, which a link handed to anyone is not.
    /// </summary>
    private async Task<(Image? Image, Album? Album)> FindAsync(string deleteHash, CancellationToken cancellationToken)
    {
        if (deleteHash.Length != IdGenerator.DeleteHashLength)
        {
            return default;
        }
        try
        {
            return (await ImageAccess.ForWriteAsync(db, Reader(), deleteHash, cancellationToken), null);
        }
        catch (ApiException missing) when (missing.Status == StatusCodes.Status404NotFound)
        {
        }
        try
        {
            return (null, await AlbumAccess.ForWriteAsync(db, Reader(), deleteHash, cancellationToken));
        }
        catch (ApiException missing) when (missing.Status == StatusCodes.Status404NotFound)
        {
            return default;
        }
    }
}
