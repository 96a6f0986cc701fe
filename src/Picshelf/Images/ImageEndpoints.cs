using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;
using Picshelf.Media;
using Picshelf.RateLimits;
using Picshelf.Storage;

namespace Picshelf.Images;

public static class ImageEndpoints
{
    public static void MapImageEndpoints(this IEndpointRouteBuilder app, UploadOptions uploads)
    {
        var bodyLimit = new RequestSizeLimitAttribute(uploads.MaxRequestBytes);
        // imgurpython, Imgur.API streams and node-imgur videos use /3/upload; ShareX and node-imgur images /3/image.
        app.MapPost("/3/image", UploadImage).WithMetadata(bodyLimit).CostsUploadCredits();
        app.MapPost("/3/upload", UploadImage).WithMetadata(bodyLimit).CostsUploadCredits();

        var image = app.MapGroup("/3/image");
        image.MapGet("/{imageId}", GetImage);
        image.MapPost("/{imageIdOrDeleteHash}", UpdateImage);
        image.MapDelete("/{imageIdOrDeleteHash}", DeleteImage);
        image.MapPost("/{imageId}/favorite", FavoriteImage);
    }

    public static async Task<ImgurResult<ImageModel>> UploadImage(HttpContext context, Caller caller, ImageUpload upload, PublicLinks links, CancellationToken cancellationToken)
    {
        var image = await upload.UploadAsync(context.Request, caller, cancellationToken);
        return ImgurResult.Ok(image.ToModel(links.DirectLink(context, image.Id, image.Type), caller.AccountUsername, default, favorite: false, revealSecrets: true));
    }

    public static async Task<ImgurResult<ImageModel>> GetImage(string imageId, HttpContext context, Caller caller, ImageDirectory directory,
        ViewCounter views, PublicLinks links, PicshelfDb db, CancellationToken cancellationToken)
    {
        var entry = await directory.FindAsync(imageId, cancellationToken) ?? throw ImageAccess.NotFound(imageId);
        var image = entry.Row;
        var isOwner = caller.HasAccount && image.AccountId == caller.AccountId;
        var favorite = caller.HasAccount
            && await db.ImageFavorites.AnyAsync(f => f.AccountId == caller.AccountId && f.ImageId == image.Id, cancellationToken);
        return ImgurResult.Ok(image.ToModel(links.DirectLink(context, image.Id, image.Type), entry.OwnerUsername, views.Pending(image.Id), favorite, isOwner));
    }

    public static async Task<ImgurResult<bool>> UpdateImage(string imageIdOrDeleteHash, HttpRequest request, Caller caller, PicshelfDb db,
        ImageDirectory directory, CancellationToken cancellationToken)
    {
        var fields = await RequestFields.ReadAsync(request, cancellationToken);
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
        return updated > 0 ? ImgurResult.Ok(true) : throw ImageAccess.NotFound(imageIdOrDeleteHash);
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
}
