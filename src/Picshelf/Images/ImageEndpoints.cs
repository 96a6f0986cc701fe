using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Picshelf.Accounts;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.RateLimits;

namespace Picshelf.Images;

/// <summary>The Image routes, and the account's images under <c>/3/account/{username}</c> (its owner's only).</summary>
public static class ImageEndpoints
{
    public static void MapImages(this IEndpointRouteBuilder app)
    {
        var uploads = app.ServiceProvider.GetRequiredService<IOptions<UploadOptions>>().Value;
        var bodyLimit = new RequestSizeLimitAttribute(uploads.MaxRequestBytes);
        // imgurpython, Imgur.API streams, node-imgur videos and ShareX use /3/upload; node-imgur images and older ShareX /3/image (docs/imgur-compatibility.md §7.1).
        app.MapPost("/3/image", UploadImage).WithMetadata(bodyLimit).CostsUploadCredits();
        app.MapPost("/3/upload", UploadImage).WithMetadata(bodyLimit).CostsUploadCredits();

        var image = app.MapGroup("/3/image");
        image.MapGet("/{imageId}", GetImage).AnswersWithoutCredentials();
        image.MapPost("/{imageIdOrDeleteHash}", UpdateImage);
        image.MapDelete("/{imageIdOrDeleteHash}", DeleteImage);
        image.MapPost("/{imageId}/favorite", FavoriteImage);

        var account = app.MapAccountRoutes();
        account.MapGet("/images", ListAccountImages);
        account.MapGet("/images/" + Paging.RouteSegment, ListAccountImages);
        account.MapGet("/images/ids", ListAccountImageIds);
        account.MapGet("/images/ids/" + Paging.RouteSegment, ListAccountImageIds);
        account.MapGet("/images/count", CountAccountImages);
        account.MapGet("/image/{imageId}", GetAccountImage);
        account.MapDelete("/image/{deleteHash}", DeleteAccountImage);
    }

    public static async Task<ImgurResult<ImageModel>> UploadImage(HttpContext context, Caller caller, ImageUpload upload, ImagePresenter presenter,
        CancellationToken cancellationToken)
    {
        var image = await upload.UploadAsync(context.Request, caller, cancellationToken);
        return ImgurResult.Ok(presenter.Present(context, image, caller.AccountUsername, favorite: false, revealSecrets: true, inGallery: false),
            ImagesJson.Default.ImageModel);
    }

    public static async Task<ImgurResult<ImageModel>> GetImage(string imageId, HttpContext context, Caller caller, ImageDirectory directory,
        ImagePresenter presenter, CancellationToken cancellationToken)
    {
        var image = await PresentAsync(context, caller, imageId, directory, presenter, cancellationToken) ?? throw ImageAccess.NotFound(imageId);
        return ImgurResult.Ok(image, ImagesJson.Default.ImageModel);
    }

    /// <summary>
    /// An image as its reader sees it: favorited or not by the caller, with its secrets for its owner only (the image page's
    /// too); null when there is none. The row is read again when a flush of the view counts ended meanwhile (up to three
    /// times, as flushes are seconds apart), since its counts may be neither in the row read nor still pending: that closes
    /// the undercount; a miss that reads a row a flush has just written while its tallies are still pending counts them
    /// twice on that answer (<see cref="ViewCounter"/>). A database context is leased only to look up a signed-in
    /// caller's favorite: an anonymous or application read of a cached image touches no database.
    /// </summary>
    public static async Task<ImageModel?> PresentAsync(HttpContext context, Caller caller, string imageId, ImageDirectory directory,
        ImagePresenter presenter, CancellationToken cancellationToken)
    {
        bool? favorite = null;
        for (var attempt = 1; ; attempt++)
        {
            var flushes = presenter.ViewFlushes;
            if (await directory.FindAsync(imageId, cancellationToken) is not { } entry)
            {
                return null;
            }
            var image = entry.Row;
            var isOwner = caller.HasAccount && image.AccountId == caller.AccountId;
            favorite ??= caller.HasAccount
                && await context.RequestServices.GetRequiredService<PicshelfDb>().ImageFavorites.AnyAsync(f => f.AccountId == caller.AccountId && f.ImageId == image.Id, cancellationToken);
            var model = presenter.Present(context, image, entry.OwnerUsername, favorite.Value, isOwner, entry.InGallery);
            if (presenter.ViewFlushes == flushes || attempt == 3)
            {
                return model;
            }
        }
    }

    public static async Task<ImgurResult<bool>> UpdateImage(string imageIdOrDeleteHash, HttpRequest request, Caller caller, PicshelfDb db,
        ImageDirectory directory, IGalleryMembership gallery, CancellationToken cancellationToken)
    {
        await UpdateAsync(imageIdOrDeleteHash, await RequestFields.ReadAsync(request, cancellationToken), caller, db, directory, gallery, cancellationToken);
        return ImgurResult.Ok(true);
    }

    /// <summary>Changes the title and the description named in <paramref name="fields"/>: for this route and for the "my uploads" page.</summary>
    public static async Task UpdateAsync(string imageIdOrDeleteHash, IReadOnlyDictionary<string, string> fields, Caller caller, PicshelfDb db,
        ImageDirectory directory, IGalleryMembership gallery, CancellationToken cancellationToken)
    {
        var hasTitle = fields.TryGetValue("title", out var title);
        var hasDescription = fields.TryGetValue("description", out var description);
        if (!hasTitle && !hasDescription)
        {
            throw ApiException.BadRequest("Nothing to update: send title or description");
        }
        if (title?.Length > ImageLimits.TitleLength)
        {
            throw ApiException.BadRequest($"The title is longer than {ImageLimits.TitleLength} characters");
        }
        if (description?.Length > ImageLimits.DescriptionLength)
        {
            throw ApiException.BadRequest($"The description is longer than {ImageLimits.DescriptionLength} characters");
        }

        var image = await ImageAccess.ForWriteAsync(db, caller, imageIdOrDeleteHash, cancellationToken);
        var newTitle = string.IsNullOrEmpty(title) ? null : title;
        var newDescription = string.IsNullOrEmpty(description) ? null : description;
        // One statement, so a delete racing this update makes it a 404 rather than a failed save.
        var updated = await db.Images.Where(i => i.Id == image.Id).ExecuteUpdateAsync(s =>
        {
            if (hasTitle)
            {
                s.SetProperty(i => i.Title, newTitle);
            }
            if (hasDescription)
            {
                s.SetProperty(i => i.Description, newDescription);
            }
        }, cancellationToken);
        directory.Forget(image.Id);
        if (updated == 0)
        {
            throw ImageAccess.NotFound(imageIdOrDeleteHash);
        }
        await gallery.TextChangedAsync(image.Id, cancellationToken);
    }

    public static async Task<ImgurResult<bool>> DeleteImage(string imageIdOrDeleteHash, Caller caller, PicshelfDb db, ImageRemoval removal,
        CancellationToken cancellationToken)
    {
        var image = await ImageAccess.ForWriteAsync(db, caller, imageIdOrDeleteHash, cancellationToken);
        return await removal.DeleteAsync(image.Id, cancellationToken) ? ImgurResult.Ok(true) : throw ImageAccess.NotFound(imageIdOrDeleteHash);
    }

    public static async Task<ImgurResult<string>> FavoriteImage(string imageId, Caller caller, PicshelfDb db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (caller.AccountId is not { } accountId)
        {
            throw ApiException.Forbidden("This method requires authentication");
        }
        if (!IdGenerator.IsWellFormed(imageId) || !await db.Images.AnyAsync(i => i.Id == imageId, cancellationToken))
        {
            throw ImageAccess.NotFound(imageId);
        }
        return ImgurResult.Ok(await FavoriteToggle.ToggleAsync(db,
            db.ImageFavorites.Where(f => f.AccountId == accountId && f.ImageId == imageId),
            new ImageFavorite { AccountId = accountId, ImageId = imageId, CreatedAt = time.GetUtcNow().ToUnixTimeSeconds() },
            () => db.Images.AnyAsync(i => i.Id == imageId, CancellationToken.None), ImageAccess.NotFound(imageId), cancellationToken));
    }

    public static async Task<ImgurResult<List<ImageModel>>> ListAccountImages(Paging paging, OwnAccount owner, HttpContext context, PicshelfDb db,
        ImagePresenter presenter, IGalleryMembership gallery, CancellationToken cancellationToken)
    {
        var account = owner.Account;
        var page = await Newest(db, account.Id).Skip(paging.Skip).Take(paging.PerPage).ToListAsync(cancellationToken);
        var ids = page.Select(i => i.Id).ToList();
        var favorites = await db.ImageFavorites.Where(f => f.AccountId == account.Id && ids.Contains(f.ImageId)).Select(f => f.ImageId).ToListAsync(cancellationToken);
        var inGallery = (await gallery.PostedAsync([], ids, cancellationToken)).Images;
        return ImgurResult.Ok(page.Select(image => presenter.Present(context, image, account.Username, favorites.Contains(image.Id), revealSecrets: true,
            inGallery.Contains(image.Id))).ToList(), ImagesJson.Default.ListImageModel);
    }

    public static async Task<ImgurResult<List<string>>> ListAccountImageIds(Paging paging, OwnAccount owner, PicshelfDb db, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await Newest(db, owner.Account.Id).Skip(paging.Skip).Take(paging.PerPage).Select(i => i.Id).ToListAsync(cancellationToken));

    public static async Task<ImgurResult<int>> CountAccountImages(OwnAccount owner, PicshelfDb db, CancellationToken cancellationToken) =>
        ImgurResult.Ok(await db.Images.CountAsync(i => i.AccountId == owner.Account.Id, cancellationToken));

    public static async Task<ImgurResult<ImageModel>> GetAccountImage(OwnAccount owner, string imageId, HttpContext context, Caller caller,
        ImageDirectory directory, ImagePresenter presenter, CancellationToken cancellationToken)
    {
        var image = await PresentAsync(context, caller, imageId, directory, presenter, cancellationToken);
        return image is not null && image.AccountId == owner.Account.Id
            ? ImgurResult.Ok(image, ImagesJson.Default.ImageModel)
            : throw ImageAccess.NotFound(imageId);
    }

    /// <summary>The owner deletes one of the account's images by its deletehash (or id), as <c>DELETE /3/image/{…}</c> does.</summary>
    public static Task<ImgurResult<bool>> DeleteAccountImage(OwnAccount owner, string deleteHash, Caller caller, PicshelfDb db, ImageRemoval removal,
        CancellationToken cancellationToken) => DeleteImage(deleteHash, caller, db, removal, cancellationToken);

    /// <summary>An account's images, newest first: the API's listing and the "my uploads" page.</summary>
    public static IQueryable<Image> Newest(PicshelfDb db, int accountId) =>
        db.Images.AsNoTracking().Where(i => i.AccountId == accountId).OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id);
}
