namespace Picshelf.Images;

/// <summary>
/// An image row with its owner's username and whether it is posted to the gallery (<c>in_gallery</c>), as the directory
/// caches it: sharing and removing a post make the directory forget the image, as writes to the row do.
/// </summary>
public sealed record ImageEntry(Image Row, string? OwnerUsername, bool InGallery);
