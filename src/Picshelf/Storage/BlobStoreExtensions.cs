namespace Picshelf.Storage;

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
