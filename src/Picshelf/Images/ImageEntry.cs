namespace Picshelf.Images;

/// <summary>An image row with its owner's username, as the directory caches it.</summary>
public sealed record ImageEntry(Image Row, string? OwnerUsername);
