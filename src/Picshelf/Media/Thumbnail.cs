namespace Picshelf.Media;

public sealed record Thumbnail(byte[] Bytes, string ContentType);
