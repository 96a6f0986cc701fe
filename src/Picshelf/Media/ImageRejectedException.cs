namespace Picshelf.Media;

/// <summary>The bytes are not an image we can store: corrupt, truncated, too large in pixels, or of a format we refuse.</summary>
public sealed class ImageRejectedException(string message, bool unsupportedType = false) : Exception(message)
{
    public bool UnsupportedType { get; } = unsupportedType;
}
