namespace Picshelf.Images;

/// <summary>Bytes of an image kept in memory beside the blob store (the serving feature's hot cache), dropped when the image is deleted.</summary>
public interface IImageBytesCache
{
    void ForgetImage(string imageId);
}
