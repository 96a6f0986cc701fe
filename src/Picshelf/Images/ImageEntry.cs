namespace Picshelf.Images;

/// <summary>
/// An image row with its owner's username and whether the image is posted to the gallery (<c>in_gallery</c>), as the
/// directory caches it: sharing and removing a post forget the image's entry, so a read of one image costs no query.
/// </summary>
public sealed record ImageEntry(Image Row, string? OwnerUsername, bool InGallery);
