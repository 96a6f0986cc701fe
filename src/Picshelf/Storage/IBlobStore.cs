namespace Picshelf.Storage;

/// <summary>Where image bytes live: originals under <c>originals/</c>, generated thumbnails under <c>thumbnails/</c>.</summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>; readers see the whole blob or none of it.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a blob for reading, or returns null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

public static class BlobKeys
{
    public static string Original(string imageId) => $"originals/{imageId}";

    public static string Thumbnail(string imageId, char suffix) => $"thumbnails/{imageId}{suffix}";
}
