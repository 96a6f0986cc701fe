using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Images;

/// <summary>Who may change an image: see <see cref="DeleteHashAccess"/>.</summary>
public static class ImageAccess
{
    public static Task<Image> ForWriteAsync(PicshelfDb db, Caller caller, string imageIdOrDeleteHash, CancellationToken cancellationToken) =>
        DeleteHashAccess.ForWriteAsync(db.Images, caller, imageIdOrDeleteHash, NotFound,
            "This image was uploaded anonymously: change or delete it with its deletehash", "You are not the owner of this image", cancellationToken);

    public static ApiException NotFound(string imageId) => ApiException.NotFound($"Unable to find an image with the id, {imageId}");
}
