namespace Picshelf.Storage;

/// <summary>Where image bytes live: originals under <c>originals/</c>, generated thumbnails under <c>thumbnails/</c>.</summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>; readers see the whole blob or none of it.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a blob for reading, or returns null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a blob of known <paramref name="length"/> as a seekable stream, so a range or a HEAD costs only the
    /// bytes it sends. Returns null when there is none; a store that learns this only on reading (S3, which asks
    /// for nothing until then) fails that read with <see cref="BlobStoreUnavailableException"/> instead.
    /// </summary>
    Task<Stream?> OpenSeekableAsync(string key, long length, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// The blob's file, relative to the store's folder, for a web server in front that sends files itself
    /// (nginx's <c>X-Accel-Redirect</c>); null for a store that keeps no files of its own.
    /// </summary>
    string? LocalRelativePath(string key);

    /// <summary>Removes partial writes a killed process left behind; safe while other writers run.</summary>
    Task RemoveIncompleteWritesAsync(CancellationToken cancellationToken);

    /// <summary>Every blob whose key starts with <paramref name="keyPrefix"/>, in no particular order.</summary>
    IAsyncEnumerable<StoredBlob> ListAsync(string keyPrefix, CancellationToken cancellationToken);
}
