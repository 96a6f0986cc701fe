namespace Picshelf.Images;

/// <summary>Where an image's original and thumbnails are kept in the blob store.</summary>
public static class BlobKeys
{
    public static string Original(string imageId) => $"originals/{imageId}";

    public static string Thumbnail(string imageId, char suffix) => $"thumbnails/{imageId}{suffix}";
}
