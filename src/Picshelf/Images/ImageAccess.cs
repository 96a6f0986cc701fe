using Microsoft.EntityFrameworkCore;
using Picshelf.Api;
using Picshelf.Data;

namespace Picshelf.Images;

/// <summary>
/// Who may change an image: whoever presents its deletehash, or its owner by id. One check for every
/// write route, so the authed and the deletehash variants cannot drift apart.
/// </summary>
public static class ImageAccess
{
    public static async Task<Image> ForWriteAsync(PicshelfDb db, Caller caller, string imageIdOrDeleteHash, CancellationToken cancellationToken)
    {
        if (!IdGenerator.IsWellFormed(imageIdOrDeleteHash))
        {
            throw NotFound(imageIdOrDeleteHash);
        }
        if (imageIdOrDeleteHash.Length == IdGenerator.DeleteHashLength)
        {
            var byDeleteHash = await db.Images.AsNoTracking().SingleOrDefaultAsync(i => i.DeleteHash == imageIdOrDeleteHash, cancellationToken);
            if (byDeleteHash is not null)
            {
                return byDeleteHash;
            }
        }
        var image = await db.Images.AsNoTracking().SingleOrDefaultAsync(i => i.Id == imageIdOrDeleteHash, cancellationToken)
            ?? throw NotFound(imageIdOrDeleteHash);
        if (image.AccountId is null)
        {
            throw ApiException.Forbidden("This image was uploaded anonymously: change or delete it with its deletehash");
        }
        if (image.AccountId != caller.AccountId)
        {
            throw ApiException.Forbidden("You are not the owner of this image");
        }
        return image;
    }

    public static ApiException NotFound(string imageId) => ApiException.NotFound($"Unable to find an image with the id, {imageId}");
}
