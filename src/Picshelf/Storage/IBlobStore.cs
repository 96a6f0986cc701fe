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

    /// <summary>Removes partial writes a killed process left behind; safe while other writers run.</summary>
    Task RemoveIncompleteWritesAsync(CancellationToken cancellationToken);

    /// <summary>Every blob whose key starts with <paramref name="keyPrefix"/>, in no particular order.</summary>
    IAsyncEnumerable<StoredBlob> ListAsync(string keyPrefix, CancellationToken cancellationToken);
}

public sealed record StoredBlob(string Key, long Length, DateTimeOffset LastModified);

public static class BlobStoreExtensions
{
    /// <summary>Reads a whole blob into memory, or returns null when there is none.</summary>
    public static async Task<byte[]?> ReadAllBytesAsync(this IBlobStore blobs, string key, CancellationToken cancellationToken)
    {
        await using var stream = await blobs.OpenReadAsync(key, cancellationToken);
        if (stream is null)
        {
            return null;
        }
        using var buffer = stream.CanSeek ? new MemoryStream((int)stream.Length) : new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }
}

public static class BlobKeys
{
    public static string Original(string imageId) => $"originals/{imageId}";

    public static string Thumbnail(string imageId, char suffix) => $"thumbnails/{imageId}{suffix}";
}
