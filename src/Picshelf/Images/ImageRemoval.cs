using Microsoft.EntityFrameworkCore;
using Picshelf.Data;
using Picshelf.Media;
using Picshelf.Storage;

namespace Picshelf.Images;

/// <summary>
/// Deletes an image: its row first (favorites go with it through the foreign key) and its place in the
/// gallery, then its original and every thumbnail. An account's deletion removes its image rows itself, in one
/// transaction, and then only the files through <see cref="RemoveFilesAsync"/>.
/// </summary>
public sealed class ImageRemoval(PicshelfDb db, IDatabaseDialect dialect, ImageDirectory directory, IBlobStore blobs, IImageBytesCache bytesCache, IGalleryMembership gallery,
    ILogger<ImageRemoval> logger)
{
    /// <summary>False when the image was already gone (a concurrent delete won).</summary>
    public async Task<bool> DeleteAsync(string imageId, CancellationToken cancellationToken)
    {
        int deleted;
        // The row and its gallery post go together, or neither does.
        await using (var transaction = await dialect.BeginWriteAsync(db, cancellationToken))
        {
            deleted = await db.Images.Where(i => i.Id == imageId).ExecuteDeleteAsync(cancellationToken);
            await gallery.WithdrawAsync([imageId], null, CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        if (deleted == 0)
        {
            directory.Forget(imageId);
            return false;
        }
        await RemoveFilesAsync(imageId);
        return true;
    }

    /// <summary>Forgets and deletes everything stored for an image whose row is already gone.</summary>
    public async Task RemoveFilesAsync(string imageId)
    {
        directory.Forget(imageId);
        // The row is gone, so the image already answers 404 everywhere; a blob that fails to go is only disk space.
        bytesCache.ForgetImage(imageId);
        foreach (var key in BlobKeys.All(imageId))
        {
            try
            {
                await blobs.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or BlobStoreUnavailableException)
            {
                logger.LogWarning(failure, "Could not delete blob {Key} of deleted image {ImageId}", key, imageId);
            }
        }
    }
}
