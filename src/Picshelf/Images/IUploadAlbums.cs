using Picshelf.Api;

namespace Picshelf.Images;

/// <summary>The album an upload's <c>album</c> field names, which the new image joins at its end (the albums feature provides it).</summary>
public interface IUploadAlbums
{
    /// <summary>
    /// The id of the named album when the caller may add to it (the owner's album by id, any album by its deletehash);
    /// otherwise the album routes' 403 or 404. Called before any image work.
    /// </summary>
    Task<string> FindForUploadAsync(Caller caller, string albumIdOrDeleteHash, CancellationToken cancellationToken);

    /// <summary>
    /// Inside the upload's transaction: puts the image after the album's last one. Other changes to the album wait until
    /// the returned lock is disposed.
    /// </summary>
    Task<IAsyncDisposable> AppendAsync(string albumId, string imageId, CancellationToken cancellationToken);

    /// <summary>After a failed write: the album's 404 if it was deleted while the image was being processed, else nothing.</summary>
    Task ThrowIfGoneAsync(string albumId, string albumIdOrDeleteHash, CancellationToken cancellationToken);
}
