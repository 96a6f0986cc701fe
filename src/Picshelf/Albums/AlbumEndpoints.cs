using Microsoft.EntityFrameworkCore;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Images;

namespace Picshelf.Albums;

/// <summary>
/// The Album routes. Reads are by id and open to anyone with the link, whatever the privacy (privacy decides
/// listing, not reach); writes go through <see cref="AlbumAccess"/>.
/// </summary>
public static class AlbumEndpoints
{
    public static void MapAlbums(this IEndpointRouteBuilder app)
    {
        app.MapPost("/3/album", CreateAlbum);
        var album = app.MapGroup("/3/album");
        album.MapGet("/{albumId}", GetAlbum).AnswersWithoutCredentials();
        album.MapGet("/{albumId}/images", GetAlbumImages).AnswersWithoutCredentials();
        album.MapGet("/{albumId}/image/{imageId}", GetAlbumImage).AnswersWithoutCredentials();
        album.MapDelete("/{albumIdOrDeleteHash}", DeleteAlbum);
        // imgurpython posts updates to album/{id}/ and removes images with DELETE …/remove_images?ids=a,b.
        album.MapPut("/{albumIdOrDeleteHash}", UpdateAlbum);
        album.MapPost("/{albumIdOrDeleteHash}", UpdateAlbum);
        album.MapPost("/{albumIdOrDeleteHash}/add", AddImages);
        // Imgur.API sends its additions with PUT.
        album.MapPut("/{albumIdOrDeleteHash}/add", AddImages);
        album.MapPost("/{albumIdOrDeleteHash}/remove_images", RemoveImages);
        album.MapDelete("/{albumIdOrDeleteHash}/remove_images", RemoveImages);
        album.MapPost("/{albumId}/favorite", FavoriteAlbum);

        var account = app.MapAccountRoutes();
        account.MapGet("/albums", ListAccountAlbums).AnswersWithoutCredentials();
        account.MapGet("/albums/" + Paging.RouteSegment, ListAccountAlbums).AnswersWithoutCredentials();
        account.MapGet("/albums/ids", ListAccountAlbumIds).AnswersWithoutCredentials();
        account.MapGet("/albums/ids/" + Paging.RouteSegment, ListAccountAlbumIds).AnswersWithoutCredentials();
        account.MapGet("/albums/count", CountAccountAlbums).AnswersWithoutCredentials();
        account.MapGet("/album/{albumId}", GetAccountAlbum).AnswersWithoutCredentials();
        account.MapDelete("/album/{albumIdOrDeleteHash}", DeleteAccountAlbum);
    }

    public static async Task<ImgurResult<CreatedAlbumModel>> CreateAlbum(HttpRequest request, Caller caller, PicshelfDb db, ItemIds itemIds, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(request, cancellationToken);
        var details = AlbumDetails.Read(fields, caller.AccountId is { } accountId
            ? (await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken)).AlbumPrivacy
            : AlbumPrivacies.Hidden);
        var images = await AlbumImageSelection.ResolveAsync(db, fields, caller.AccountId, inAlbum: [], cancellationToken);
        if (details.Cover is { } cover && !images.Contains(cover))
        {
            throw ApiException.BadRequest("cover must be one of the album's images");
        }
        var album = new Album
        {
            Id = await itemIds.NewAsync(cancellationToken),
            DeleteHash = IdGenerator.NewDeleteHash(),
            AccountId = caller.AccountId,
            ClientId = caller.ClientId,
            Title = details.Title,
            Description = details.Description,
            Privacy = details.Privacy!,
            Layout = details.Layout ?? AlbumLayouts.Blog,
            CoverImageId = details.Cover,
            CreatedAt = time.GetUtcNow().ToUnixTimeSeconds(),
        };
        db.Albums.Add(album);
        db.AlbumImages.AddRange(images.Select((id, position) => new AlbumImage { AlbumId = album.Id, ImageId = id, Position = position }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (images.Count > 0)
        {
            // An image named was deleted between the check and the insert: nothing was written.
            throw ApiException.BadRequest("An image named for the album no longer exists");
        }
        return ImgurResult.Ok(new CreatedAlbumModel(album.Id, album.DeleteHash), AlbumsJson.Default.CreatedAlbumModel);
    }

    public static async Task<ImgurResult<AlbumModel>> GetAlbum(string albumId, HttpContext context, Caller caller, PicshelfDb db, AlbumPresenter presenter,
        CancellationToken cancellationToken)
    {
        var album = await AlbumAccess.ForReadAsync(db, albumId, cancellationToken);
        return ImgurResult.Ok((await presenter.ModelsAsync(context, caller, [album], withImages: true, cancellationToken))[0], AlbumsJson.Default.AlbumModel);
    }

    public static async Task<ImgurResult<IReadOnlyList<ImageModel>>> GetAlbumImages(string albumId, HttpContext context, Caller caller, PicshelfDb db,
        AlbumPresenter presenter, CancellationToken cancellationToken)
    {
        var album = await AlbumAccess.ForReadAsync(db, albumId, cancellationToken);
        return ImgurResult.Ok((await presenter.ModelsAsync(context, caller, [album], withImages: true, cancellationToken))[0].Images!,
            AlbumsJson.Default.IReadOnlyListImageModel);
    }

    public static async Task<ImgurResult<ImageModel>> GetAlbumImage(string albumId, string imageId, HttpContext context, Caller caller, PicshelfDb db,
        AlbumPresenter presenter, IGalleryMembership gallery, CancellationToken cancellationToken)
    {
        var album = await AlbumAccess.ForReadAsync(db, albumId, cancellationToken);
        var image = await (
            from place in db.AlbumImages.AsNoTracking()
            where place.AlbumId == album.Id && place.ImageId == imageId
            join row in db.Images on place.ImageId equals row.Id
            select row).SingleOrDefaultAsync(cancellationToken) ?? throw ImageAccess.NotFound(imageId);
        var owner = image.AccountId is { } accountId ? await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Username).SingleOrDefaultAsync(cancellationToken) : null;
        var inGallery = (await gallery.PostedAsync([], [image.Id], cancellationToken)).Images.Count > 0;
        var favorite = caller.AccountId is { } viewer && await db.ImageFavorites.AnyAsync(f => f.AccountId == viewer && f.ImageId == image.Id, cancellationToken);
        return ImgurResult.Ok(presenter.ImageOf(context, image, owner, caller, favorite, inGallery), AlbumsJson.Default.ImageModel);
    }

    public static async Task<ImgurResult<bool>> UpdateAlbum(string albumIdOrDeleteHash, HttpRequest request, Caller caller, PicshelfDb db, AlbumEditing editing,
        CancellationToken cancellationToken)
    {
        await UpdateAsync(albumIdOrDeleteHash, await RequestFields.ReadAsync(request, cancellationToken), caller, db, editing, cancellationToken);
        return ImgurResult.Ok(true);
    }

    /// <summary>Changes what <paramref name="fields"/> names, as <c>PUT /3/album/{id}</c> does: for that route and for the "your uploads" albums.</summary>
    public static async Task UpdateAsync(string albumIdOrDeleteHash, IReadOnlyDictionary<string, string> fields, Caller caller, PicshelfDb db,
        AlbumEditing editing, CancellationToken cancellationToken)
    {
        var album = await AlbumAccess.ForWriteAsync(db, caller, albumIdOrDeleteHash, cancellationToken);
        await editing.UpdateAsync(album, fields, cancellationToken);
    }

    public static async Task<ImgurResult<bool>> AddImages(string albumIdOrDeleteHash, HttpRequest request, Caller caller, PicshelfDb db, AlbumEditing editing,
        CancellationToken cancellationToken)
    {
        var album = await AlbumAccess.ForWriteAsync(db, caller, albumIdOrDeleteHash, cancellationToken);
        await editing.AddAsync(album, await RequestFields.ReadAsync(request, cancellationToken), cancellationToken);
        return ImgurResult.Ok(true);
    }

    public static async Task<ImgurResult<bool>> RemoveImages(string albumIdOrDeleteHash, HttpRequest request, Caller caller, PicshelfDb db, AlbumEditing editing,
        CancellationToken cancellationToken)
    {
        var album = await AlbumAccess.ForWriteAsync(db, caller, albumIdOrDeleteHash, cancellationToken);
        await editing.RemoveAsync(album, await RequestFields.ReadAsync(request, cancellationToken), cancellationToken);
        return ImgurResult.Ok(true);
    }

    /// <summary>Toggles the caller's favorite on the album: <c>"favorited"</c> or <c>"unfavorited"</c>.</summary>
    public static async Task<ImgurResult<string>> FavoriteAlbum(string albumId, Caller caller, PicshelfDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (caller.AccountId is not { } accountId)
        {
            throw ApiException.Forbidden("This method requires authentication");
        }
        var album = await AlbumAccess.ForReadAsync(db, albumId, cancellationToken);
        return ImgurResult.Ok(await FavoriteToggle.ToggleAsync(db,
            db.AlbumFavorites.Where(f => f.AccountId == accountId && f.AlbumId == album.Id),
            new AlbumFavorite { AccountId = accountId, AlbumId = album.Id, CreatedAt = time.GetUtcNow().ToUnixTimeSeconds() },
            () => db.Albums.AnyAsync(a => a.Id == album.Id, CancellationToken.None), AlbumAccess.NotFound(albumId), cancellationToken));
    }

    /// <summary>Deletes the album by id (its owner) or deletehash; see <see cref="AlbumRemoval"/> for what happens to its images.</summary>
    public static async Task<ImgurResult<bool>> DeleteAlbum(string albumIdOrDeleteHash, Caller caller, PicshelfDb db, AlbumRemoval removal,
        CancellationToken cancellationToken)
    {
        var album = await AlbumAccess.ForWriteAsync(db, caller, albumIdOrDeleteHash, cancellationToken);
        return await removal.DeleteAsync(album.Id, cancellationToken) ? ImgurResult.Ok(true) : throw AlbumAccess.NotFound(albumIdOrDeleteHash);
    }

    public static async Task<ImgurResult<List<AlbumModel>>> ListAccountAlbums(Paging paging, NamedAccount named, HttpContext context, Caller caller,
        AccountAlbums albums, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await albums.ListAsync(context, named.Account, caller, paging, cancellationToken), AlbumsJson.Default.ListAlbumModel);

    public static async Task<ImgurResult<List<string>>> ListAccountAlbumIds(Paging paging, NamedAccount named, Caller caller, AccountAlbums albums,
        CancellationToken cancellationToken) =>
        ImgurResult.Ok(await albums.IdsAsync(named.Account, caller, paging, cancellationToken));

    public static async Task<ImgurResult<int>> CountAccountAlbums(NamedAccount named, Caller caller, AccountAlbums albums, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await albums.CountAsync(named.Account, caller, cancellationToken));

    public static async Task<ImgurResult<AlbumModel>> GetAccountAlbum(NamedAccount named, string albumId, HttpContext context, Caller caller,
        AccountAlbums albums, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await albums.FindAsync(context, named.Account, caller, albumId, cancellationToken), AlbumsJson.Default.AlbumModel);

    public static async Task<ImgurResult<bool>> DeleteAccountAlbum(OwnAccount owner, string albumIdOrDeleteHash, AccountAlbums albums,
        CancellationToken cancellationToken)
    {
        await albums.DeleteAsync(owner.Account, albumIdOrDeleteHash, cancellationToken);
        return ImgurResult.Ok(true);
    }
}
